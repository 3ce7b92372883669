using ProbeSim.Import.Kbuild;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Tests.Kbuild;

public class KbuildEvaluatorTests
{
    private static KbuildResult Evaluate(TestTree tree, params string[] config) =>
        KbuildEvaluator.Evaluate(tree.Root, KernelConfig.Parse(string.Join('\n', config)), "arm64");

    [Fact]
    public void ObjLinesFollowTheConfig()
    {
        var tree = new TestTree()
            .File("Kbuild", "obj-y += drivers/\n")
            .File("drivers/Makefile", "obj-$(CONFIG_A) += a.o\nobj-$(CONFIG_B) += b.o\nobj-$(CONFIG_N) += n.o\nobj-y += always.o\n")
            .File("drivers/a.c", "").File("drivers/b.c", "").File("drivers/n.c", "").File("drivers/always.c", "");
        var r = Evaluate(tree, "CONFIG_A=y", "CONFIG_B=m", "# CONFIG_N is not set");
        Assert.Equal(BuildStatus.BuiltIn, r.Find("drivers/a.c")!.Status);
        Assert.Equal(BuildStatus.Module, r.Find("drivers/b.c")!.Status);
        Assert.Equal("b", r.Find("drivers/b.c")!.Module);
        Assert.Null(r.Find("drivers/n.c"));
        Assert.Equal(BuildStatus.BuiltIn, r.Find("drivers/always.c")!.Status);
    }

    [Fact]
    public void CompositeObjectsNameTheModule()
    {
        // scripts/Makefile.lib: foo-y, foo-objs and foo-$(CONFIG_X) members take KBUILD_MODNAME foo
        var tree = new TestTree()
            .File("Kbuild", "obj-y += d/\n")
            .File("d/Makefile", "big-y := one.o\nbig-$(CONFIG_EXTRA) += two.o\nbig-$(CONFIG_OFF) += three.o\nobj-$(CONFIG_BIG) += big.o\nold-objs := four.o\nobj-m += old.o\n")
            .File("d/one.c", "").File("d/two.c", "").File("d/three.c", "").File("d/four.c", "");
        var r = Evaluate(tree, "CONFIG_BIG=m", "CONFIG_EXTRA=y");
        Assert.Equal("big", r.Find("d/one.c")!.Module);
        Assert.Equal(BuildStatus.Module, r.Find("d/two.c")!.Status);
        Assert.Null(r.Find("d/three.c"));
        Assert.Equal("old", r.Find("d/four.c")!.Module);
    }

    [Fact]
    public void DirectoriesInheritAModuleContextAndLinkOrderIsDepthFirst()
    {
        var tree = new TestTree()
            .File("Kbuild", "obj-y += first/\nobj-y += second.o\n")
            .File("first/Makefile", "obj-$(CONFIG_SUB) += sub/\nobj-y += f.o\n")
            .File("first/sub/Makefile", "obj-y += s.o\n")
            .File("first/sub/s.c", "").File("first/f.c", "").File("second.c", "");
        var r = Evaluate(tree, "CONFIG_SUB=m");
        // obj-y in a directory reached only through obj-m is not linked into vmlinux: at most a module
        Assert.Equal(BuildStatus.Module, r.Find("first/sub/s.c")!.Status);
        Assert.True(r.Find("first/f.c")!.LinkIndex < r.Find("second.c")!.LinkIndex);
    }

    [Fact]
    public void ConditionalsAndSubdirY()
    {
        var tree = new TestTree()
            .File("Kbuild", "obj-y += d/\n")
            .File("d/Makefile", "ifdef CONFIG_A\nobj-y += a.o\nelse\nobj-y += nota.o\nendif\nifeq ($(CONFIG_B),y)\nobj-y += b.o\nendif\nifneq ($(CONFIG_C),)\nobj-y += c.o\nendif\nsubdir-y += dts\n")
            .File("d/dts/Makefile", "obj-y += x.o\n")
            .File("d/a.c", "").File("d/nota.c", "").File("d/b.c", "").File("d/c.c", "").File("d/dts/x.c", "");
        var r = Evaluate(tree, "CONFIG_A=y", "CONFIG_B=m");
        Assert.NotNull(r.Find("d/a.c"));
        Assert.Null(r.Find("d/nota.c"));
        Assert.Null(r.Find("d/b.c"));
        Assert.Null(r.Find("d/c.c"));
        Assert.Null(r.Find("d/dts/x.c"));
    }

    [Fact]
    public void MakeFunctionsAndUnsupportedConstructs()
    {
        var tree = new TestTree()
            .File("Kbuild", "obj-y += d/\n")
            .File("d/Makefile", "obj-$(subst m,y,$(CONFIG_H)) += h.o\nobj-y += $(addprefix sub-,p.o)\nobj-y += $(shell ls)\n")
            .File("d/h.c", "").File("d/sub-p.c", "");
        var r = Evaluate(tree, "CONFIG_H=m");
        Assert.Equal(BuildStatus.BuiltIn, r.Find("d/h.c")!.Status);
        Assert.NotNull(r.Find("d/sub-p.c"));
        var u = Assert.Single(r.Unknowns);
        Assert.Equal("kbuild", u.Fact);
        Assert.Contains("$(shell", u.Reason);
        Assert.Equal(new SourceLine("d/Makefile", 3), u.Source);
    }
}
