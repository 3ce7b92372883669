using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Cli.Tests.Kernel;

/// <summary><c>probesim kernel import</c> on a hand-written kernel-style tree: the output rule, refusals, the summary.</summary>
public class KernelImportCommandTests
{
    private static (string Source, string Config) Tree()
    {
        var root = TestPaths.NewTempDir();
        void Write(string rel, string text)
        {
            var p = Path.Combine(root, "linux", rel);
            Directory.CreateDirectory(Path.GetDirectoryName(p)!);
            File.WriteAllText(p, text);
        }
        Write("Makefile", "VERSION = 1\nPATCHLEVEL = 2\nSUBLEVEL = 3\nEXTRAVERSION =\n");
        Write("Kbuild", "obj-y += drivers/\n");
        Write("drivers/Makefile", "obj-$(CONFIG_DEMO) += demo.o\n");
        Write("drivers/demo.c", """
            static const struct of_device_id demo_ids[] = { { .compatible = "acme,demo" }, { } };
            static struct platform_driver demo_driver = { .probe = demo_probe, .driver = { .name = "demo", .of_match_table = demo_ids } };
            module_platform_driver(demo_driver);
            """);
        var config = Path.Combine(root, "config");
        File.WriteAllText(config, "CONFIG_DEMO=y\nCONFIG_MODULES=y\n");
        return (Path.Combine(root, "linux"), config);
    }

    [Fact]
    public void ImportsIntoANewDirectoryThatKernelReads()
    {
        var (src, config) = Tree();
        var outDir = Path.Combine(TestPaths.NewTempDir(), "set");
        var r = CliRunner.Run("kernel", "import", "--source", src, "--config", config, "-o", outDir);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("imported Linux 1.2.3 for arm64 into " + outDir, r.Out);
        Assert.Contains("platform      1: built-in 1", r.Out);
        var tables = new KernelDriverTables(outDir);
        Assert.Equal(["acme,demo"], Assert.Single(tables.Drivers).Compatibles);
        // a second import replaces the set
        Assert.Equal(0, CliRunner.Run("kernel", "import", "--source", src, "--config", config, "-o", outDir).ExitCode);
    }

    [Fact]
    public void ReadsATarball()
    {
        var (src, config) = Tree();
        var tar = Path.Combine(TestPaths.NewTempDir(), "linux.tar.gz");
        ProbeSim.Import.Package.KernelPackage.Run("tar", ["-czf", tar, "-C", Path.GetDirectoryName(src)!, "linux"]);
        var outDir = Path.Combine(TestPaths.NewTempDir(), "set");
        var r = CliRunner.Run("kernel", "import", "--source", tar, "--config", config, "-o", outDir);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"name\": \"linux.tar.gz\"", File.ReadAllText(Path.Combine(outDir, "manifest.json")));
    }

    [Fact]
    public void NeverWritesOntoOrAroundAnInput()
    {
        var (src, config) = Tree();
        var r = CliRunner.Run("kernel", "import", "--source", src, "--config", config, "-o", src);
        Assert.Equal((1, $"probesim: -o {src}: is the kernel source ({src})\n"), (r.ExitCode, r.Err));
        r = CliRunner.Run("kernel", "import", "--source", src, "--config", config, "-o", Path.Combine(src, "out"));
        Assert.Contains("is inside the kernel source", r.Err);
        r = CliRunner.Run("kernel", "import", "--source", src, "--config", config, "-o", Path.GetDirectoryName(config)!);
        Assert.Contains("contains the kernel source", r.Err);
        Assert.Equal(1, r.ExitCode);
    }

    [Fact]
    public void RefusesANonEmptyDirectoryThatIsNoDriverSet()
    {
        var (src, config) = Tree();
        var outDir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine");
        var r = CliRunner.Run("kernel", "import", "--source", src, "--config", config, "-o", outDir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not empty and is not a driver set", r.Err);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(outDir, "notes.txt")));
    }

    [Fact]
    public void BadInputsAreOneLine()
    {
        var (src, config) = Tree();
        var outDir = Path.Combine(TestPaths.NewTempDir(), "set");
        var r = CliRunner.Run("kernel", "import", "--source", src, "--config", config + ".missing", "-o", outDir);
        Assert.Equal((1, $"probesim: --config {config}.missing: no such file\n"), (r.ExitCode, r.Err));
        r = CliRunner.Run("kernel", "import", "--source", config, "--config", config, "-o", outDir);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"probesim: --source {config}: not a directory or a tarball", r.Err);
        Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
