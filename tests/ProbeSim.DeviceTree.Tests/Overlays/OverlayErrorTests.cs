using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Overlays;
using static ProbeSim.DeviceTree.Tests.Overlays.TreeBuilder;

namespace ProbeSim.DeviceTree.Tests.Overlays;

/// <summary>The failures libfdt reports, with the overlay's name and the FDT_ERR code in the message.</summary>
public sealed class OverlayErrorTests
{
    private static DeviceTreeException Fails(DtTree baseTree, DtTree overlay, string expectedCode)
    {
        var before = baseTree.DeepClone();
        var ex = Assert.Throws<DeviceTreeException>(() => OverlayApplier.Apply(baseTree, overlay, "bad.dtbo"));
        Assert.Contains(expectedCode, ex.Message);
        Assert.Contains("bad.dtbo", ex.Message);
        Assert.Equal("bad.dtbo", ex.Diagnostics[0].File);
        Assert.Equal(Severity.Error, ex.Diagnostics[0].Severity);
        // Apply tries a copy first: a failed overlay leaves the base as it was
        TreeComparer.AssertSame(before, baseTree);
        return ex;
    }

    private static DtTree WithFixup(params string[] entries) => Tree(
        N("fragment@0", P("target", 0xffffffff), N("__overlay__", P("p", 0))),
        N("__fixups__", S("uart", entries)));

    [Fact]
    public void TargetPathNotFound() =>
        Assert.Contains("/nope", Fails(OverlayApplierTests.Base(), Tree(FragmentAt(0, "/nope", P("x", 1))), "FDT_ERR_NOTFOUND").Message);

    [Fact]
    public void UnknownAlias_IsABadPath() =>
        Fails(OverlayApplierTests.Base(), Tree(FragmentAt(0, "noalias/x", P("x", 1))), "FDT_ERR_BADPATH");

    [Fact]
    public void TargetPhandleNotFound() =>
        Fails(OverlayApplierTests.Base(), Tree(FragmentTo(0, 99, P("x", 1))), "FDT_ERR_NOTFOUND");

    [Fact]
    public void MalformedTarget_IsABadPhandle() =>
        Fails(OverlayApplierTests.Base(), Tree(N("fragment@0", B("target", 0, 1), N("__overlay__"))), "FDT_ERR_BADPHANDLE");

    [Fact]
    public void FragmentWithOverlayButNoTarget_IsABadOverlay() =>
        Fails(OverlayApplierTests.Base(), Tree(N("fragment@0", N("__overlay__", P("x", 1)))), "FDT_ERR_BADOVERLAY");

    [Fact]
    public void LabelMissingFromSymbols()
    {
        var o = Tree(N("fragment@0", P("target", 0xffffffff), N("__overlay__")), N("__fixups__", S("nolabel", "/fragment@0:target:0")));
        Assert.Contains("nolabel", Fails(OverlayApplierTests.Base(), o, "FDT_ERR_NOTFOUND").Message);
    }

    [Fact]
    public void BaseWithoutSymbols_WhenTheOverlayHasFixups()
    {
        var b = OverlayApplierTests.Base();
        b.Root.RemoveChild(b.Root.GetChild("__symbols__")!);
        var ex = Fails(b, WithFixup("/fragment@0:target:0"), "FDT_ERR_BADOFFSET");
        Assert.Contains(ex.Diagnostics, d => d.Message.Contains("-@"));
    }

    [Fact]
    public void SymbolNodeWithoutPhandle_IsNotFound()
    {
        var b = OverlayApplierTests.Base();
        b.FindByPath("/__symbols__")!.AddProperty(S("other", "/soc/other"));
        var o = Tree(N("fragment@0", P("target", 0xffffffff), N("__overlay__")), N("__fixups__", S("other", "/fragment@0:target:0")));
        Fails(b, o, "FDT_ERR_NOTFOUND");
    }

    [Theory]
    [InlineData("/fragment@0:target")]
    [InlineData("/fragment@0:")]
    [InlineData("/fragment@0::0")]
    [InlineData("/fragment@0:target:")]
    [InlineData("/fragment@0:target:x")]
    [InlineData("/fragment@0:target:0x0")]
    [InlineData("/fragment@0:target:0:1")]
    [InlineData("no-colons")]
    [InlineData("/fragment@9:target:0")]
    public void MalformedFixup_IsABadOverlay(string entry)
    {
        var ex = Fails(OverlayApplierTests.Base(), WithFixup(entry), "FDT_ERR_BADOVERLAY");
        Assert.Contains("uart", ex.Message);
    }

    [Fact]
    public void FixupWithoutTerminatingNul_IsABadOverlay()
    {
        var o = Tree(N("fragment@0", P("target", 0xffffffff), N("__overlay__")),
            N("__fixups__", B("uart", (byte)'/', (byte)'a')));
        Fails(OverlayApplierTests.Base(), o, "FDT_ERR_BADOVERLAY");
    }

    [Fact]
    public void FixupPastThePropertyEnd_IsNoSpace() =>
        Fails(OverlayApplierTests.Base(), WithFixup("/fragment@0/__overlay__:p:4"), "FDT_ERR_NOSPACE");

    [Fact]
    public void FixupOfAMissingProperty_IsNotFound() =>
        Fails(OverlayApplierTests.Base(), WithFixup("/fragment@0/__overlay__:nope:0"), "FDT_ERR_NOTFOUND");

    [Fact]
    public void FixupWithBlankAndSignedOffset_IsAcceptedLikeStrtoul()
    {
        var b = OverlayApplierTests.Base();
        OverlayApplier.Apply(b, WithFixup("/fragment@0:target: +0"));
        Assert.Equal(0u, b.FindByPath("/soc/serial@1000")!.GetU32("p"));
    }

    [Fact]
    public void LocalFixupNamingAMissingProperty_IsABadOverlay()
    {
        var o = Tree(FragmentAt(0, "/", N("n", P("phandle", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("n", P("missing", 0))))));
        Fails(OverlayApplierTests.Base(), o, "FDT_ERR_BADOVERLAY");
    }

    [Fact]
    public void OverlayPhandleOfWrongSize_IsABadPhandle() =>
        Fails(OverlayApplierTests.Base(), Tree(FragmentAt(0, "/", N("n", B("phandle", 0, 0, 1)))), "FDT_ERR_BADPHANDLE");

    [Fact]
    public void SymbolThatIsNotAPath_IsABadValue() =>
        Fails(OverlayApplierTests.Base(), Tree(FragmentAt(0, "/", N("n")), N("__symbols__", S("s", "fragment@0"))), "FDT_ERR_BADVALUE");
}
