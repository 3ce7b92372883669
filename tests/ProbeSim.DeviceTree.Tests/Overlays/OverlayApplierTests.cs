using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Overlays;
using static ProbeSim.DeviceTree.Tests.Overlays.TreeBuilder;

namespace ProbeSim.DeviceTree.Tests.Overlays;

/// <summary>Merging, fixups and symbols on small trees built in code; expectations follow libfdt 1.8.1 (checked against fdtoverlay).</summary>
public sealed class OverlayApplierTests
{
    /// <summary>Phandles 1 (serial) and 2 (gpio); labels uart, gpio and an alias-style one.</summary>
    internal static DtTree Base() => Tree(
        S("model", "base"),
        N("aliases", S("ser0", "/soc/serial@1000")),
        N("soc",
            P("x", 1), P("y", 2),
            N("serial@1000", P("reg", 0x1000), P("phandle", 1)),
            N("gpio@2000", P("#gpio-cells", 2), P("phandle", 2)),
            N("other")),
        N("__symbols__", S("uart", "/soc/serial@1000"), S("gpio", "/soc/gpio@2000"), S("uartalias", "ser0")));

    [Fact]
    public void TargetByPhandle_ReplacesInPlace_PrependsNewPropertiesAndNodes()
    {
        var b = Base();
        var o = Tree(FragmentTo(0, 1, P("reg", 0x1004), P("a", 1), P("b", 2), N("newA", P("p", 1), P("q", 2)), N("newB")));
        OverlayApplier.Apply(b, o, "t.dtbo");

        // fdt_setprop puts a new property first, fdt_add_subnode a new node first: both end up reversed
        var serial = b.FindByPath("/soc/serial@1000")!;
        Assert.Equal(new[] { "b", "a", "reg", "phandle" }, serial.Properties.Select(p => p.Name));
        Assert.Equal(0x1004u, serial.GetU32("reg"));
        Assert.Equal(new[] { "newB", "newA" }, serial.Children.Select(c => c.Name));
        Assert.Equal(new[] { "q", "p" }, serial.GetChild("newA")!.Properties.Select(p => p.Name));
    }

    [Fact]
    public void TargetPath_MergesIntoExistingNodes()
    {
        var b = Base();
        OverlayApplier.Apply(b, Tree(FragmentAt(0, "/soc", P("y", 9), P("z", 3), N("child", E("flag")), N("other", P("o", 1)))));
        var rebuilt = N("soc", P("z", 3), P("x", 1), P("y", 9),
            N("child", E("flag")),
            N("serial@1000", P("reg", 0x1000), P("phandle", 1)),
            N("gpio@2000", P("#gpio-cells", 2), P("phandle", 2)),
            N("other", P("o", 1)));
        var expected = Tree(S("model", "base"), N("aliases", S("ser0", "/soc/serial@1000")), rebuilt,
            N("__symbols__", S("uart", "/soc/serial@1000"), S("gpio", "/soc/gpio@2000"), S("uartalias", "ser0")));
        TreeComparer.AssertSame(expected, b);
    }

    [Fact]
    public void TargetPath_AliasIsResolved_AndSymbolsKeepTheAliasAsWritten()
    {
        var b = Base();
        var o = Tree(
            FragmentAt(0, "ser0", P("al", 1), N("sub", P("phandle", 1))),
            N("__symbols__", S("mine", "/fragment@0/__overlay__/sub"), S("whole", "/fragment@0/__overlay__")));
        OverlayApplier.Apply(b, o);

        Assert.Equal(1u, b.FindByPath("/soc/serial@1000")!.GetU32("al"));
        var symbols = b.FindByPath("/__symbols__")!;
        // overlay_symbol_update: a target-path is copied literally, and "/__overlay__" alone leaves a trailing slash
        Assert.Equal(new[] { "whole", "mine", "uart", "gpio", "uartalias" }, symbols.Properties.Select(p => p.Name));
        Assert.Equal("ser0/", symbols.GetString("whole"));
        Assert.Equal("ser0/sub", symbols.GetString("mine"));
        // the overlay's phandle 1 moved past the base's largest (2)
        Assert.Equal(3u, b.FindByPath("/soc/serial@1000/sub")!.Phandle);
    }

    [Fact]
    public void NestedNewNodes_AreCreatedWholeAtTheFront()
    {
        var b = Base();
        OverlayApplier.Apply(b, Tree(FragmentAt(0, "/", N("a", N("b", N("c", P("p", 1))), N("b2")), N("d"))));
        Assert.Equal(new[] { "d", "a", "aliases", "soc", "__symbols__" }, b.Root.Children.Select(c => c.Name));
        Assert.Equal(new[] { "b2", "b" }, b.FindByPath("/a")!.Children.Select(c => c.Name));
        Assert.Equal(1u, b.FindByPath("/a/b/c")!.GetU32("p"));
    }

    [Fact]
    public void ChildNameWithoutUnitAddress_MergesIntoTheAddressedNode()
    {
        var b = Base();
        // fdt_subnode_offset: "serial" matches "serial@1000", so fdt_add_subnode reuses it
        OverlayApplier.Apply(b, Tree(FragmentAt(0, "/soc", N("serial", P("merged", 1)))));
        Assert.Equal(1u, b.FindByPath("/soc/serial@1000")!.GetU32("merged"));
        Assert.Null(b.FindByPath("/soc/serial"));
    }

    [Fact]
    public void LocalFixups_ShiftEveryListedCell()
    {
        var b = Base();
        var o = Tree(
            FragmentAt(0, "/",
                N("n1", P("phandle", 1)),
                N("n2", P("phandle", 2), P("linux,phandle", 2)),
                N("user", P("refs", 1, 7, 2), P("refs2", 0, 2), P("plain", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("user", P("refs", 0, 8), P("refs2", 4))))));
        OverlayApplier.Apply(b, o);

        Assert.Equal(3u, b.FindByPath("/n1")!.GetU32("phandle"));
        Assert.Equal(3u, b.FindByPath("/n1")!.Phandle);
        Assert.Equal(4u, b.FindByPath("/n2")!.GetU32("phandle"));
        Assert.Equal(4u, b.FindByPath("/n2")!.GetU32("linux,phandle"));
        var user = b.FindByPath("/user")!;
        Assert.Equal(new uint[] { 3, 7, 4 }, user.GetCells("refs"));
        Assert.Equal(new uint[] { 0, 4 }, user.GetCells("refs2"));
        Assert.Equal(1u, user.GetU32("plain"));
    }

    [Fact]
    public void ExternalFixups_TakePhandlesFromTheBaseSymbols()
    {
        var b = Base();
        var o = Tree(
            N("fragment@0", P("target", 0xffffffff), N("__overlay__",
                N("dev", P("link", 5, 0xffffffff), P("gpios", 0xffffffff, 3, 0), P("alt", 0xffffffff)))),
            N("__fixups__",
                S("uart", "/fragment@0:target:0", "/fragment@0/__overlay__/dev:link:4"),
                S("gpio", "/fragment@0/__overlay__/dev:gpios:0"),
                S("uartalias", "/fragment@0/__overlay__/dev:alt:0")));
        OverlayApplier.Apply(b, o);

        var dev = b.FindByPath("/soc/serial@1000/dev")!;
        Assert.Equal(new uint[] { 5, 1 }, dev.GetCells("link"));
        Assert.Equal(new uint[] { 2, 3, 0 }, dev.GetCells("gpios"));
        Assert.Equal(1u, dev.GetU32("alt"));
    }

    [Fact]
    public void Symbols_AreRebasedOntoTargets_AndOthersSkipped()
    {
        var b = Tree(N("soc", N("gpio@2000", P("phandle", 2))));
        var o = Tree(
            FragmentTo(0, 2, N("sub")),
            FragmentAt(1, "/", N("t")),
            N("__symbols__",
                S("sub", "/fragment@0/__overlay__/sub"),
                S("top", "/fragment@1/__overlay__/t"),
                S("gone", "/fragment@0"),
                S("nofrag", "/x/y"),
                S("root", "/fragment@1/__overlay__")));
        OverlayApplier.Apply(b, o);

        // the base had no __symbols__: fdt_add_subnode creates it as the root's first child
        Assert.Equal("__symbols__", b.Root.Children[0].Name);
        var symbols = b.Root.Children[0];
        Assert.Equal(new[] { "root", "top", "sub" }, symbols.Properties.Select(p => p.Name));
        Assert.Equal("/soc/gpio@2000/sub", symbols.GetString("sub"));
        Assert.Equal("/t", symbols.GetString("top"));
        Assert.Equal("/", symbols.GetString("root"));
    }

    [Fact]
    public void SymbolsNamingAMissingFragment_AreABadOverlay()
    {
        var o = Tree(FragmentAt(0, "/", N("t")), N("__symbols__", S("s", "/fragment@9/__overlay__/t")));
        var ex = Assert.Throws<DeviceTreeException>(() => OverlayApplier.Apply(Base(), o, "sym.dtbo"));
        Assert.Contains("FDT_ERR_BADOVERLAY", ex.Message);
    }

    [Fact]
    public void OverlayNodeWithPhandle_OnBaseNodeWithPhandle_KeepsTheBasePhandle()
    {
        var b = Base();
        var o = Tree(
            FragmentAt(0, "/soc", N("serial@1000", P("phandle", 1), P("q", 1)), N("user", P("ref", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("user", P("ref", 0))))));
        OverlayApplier.Apply(b, o);

        // overlay_prevent_phandle_overwrite: phandle 3 (1 + delta 2) becomes the base's 1, and so does the reference
        var serial = b.FindByPath("/soc/serial@1000")!;
        Assert.Equal(new[] { "q", "reg", "phandle" }, serial.Properties.Select(p => p.Name));
        Assert.Equal(1u, serial.GetU32("phandle"));
        Assert.Equal(1u, b.FindByPath("/soc/user")!.GetU32("ref"));
    }

    [Fact]
    public void FragmentWithoutOverlay_IsSkipped()
    {
        var b = Base();
        OverlayApplier.Apply(b, Tree(N("fragment@0", S("target-path", "/nowhere"), N("notoverlay", P("x", 1))), N("other", P("x", 1))));
        TreeComparer.AssertSame(Base(), b);
    }

    [Fact]
    public void TwoOverlaysInSequence_TheSecondSeesTheFirstsSymbols()
    {
        var first = Tree(
            FragmentAt(0, "/soc", N("extra", P("phandle", 1))),
            N("__symbols__", S("extra", "/fragment@0/__overlay__/extra")));
        var second = Tree(
            N("fragment@0", P("target", 0xffffffff), N("__overlay__", N("mine", P("phandle", 1), P("uses", 0xffffffff, 1)))),
            N("__fixups__", S("extra", "/fragment@0:target:0", "/fragment@0/__overlay__/mine:uses:0")),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("mine", P("uses", 4))))));
        var b = Base();
        OverlayApplier.ApplyAll(b, first, second);

        var extra = b.FindByPath("/soc/extra")!;
        Assert.Equal(3u, extra.Phandle);
        var mine = extra.GetChild("mine")!;
        Assert.Equal(4u, mine.GetU32("phandle"));
        Assert.Equal(new uint[] { 3, 4 }, mine.GetCells("uses"));
        Assert.Equal("/soc/extra", b.FindByPath("/__symbols__")!.GetString("extra"));

        var copy = OverlayApplier.ApplyAllToCopy(Base(), first, second);
        TreeComparer.AssertSame(b, copy);
    }

    [Fact]
    public void ApplyToCopy_LeavesBaseAndOverlayUntouched()
    {
        var b = Base();
        var o = Tree(
            FragmentAt(0, "/", N("n", P("phandle", 1)), N("u", P("r", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("u", P("r", 0))))));
        var result = OverlayApplier.ApplyToCopy(b, o);

        TreeComparer.AssertSame(Base(), b);
        Assert.Equal(1u, o.FindByPath("/fragment@0/__overlay__/n")!.GetU32("phandle"));
        Assert.Equal(1u, o.FindByPath("/fragment@0/__overlay__/u")!.GetU32("r"));
        Assert.Equal(3u, result.FindByPath("/u")!.GetU32("r"));
    }
}
