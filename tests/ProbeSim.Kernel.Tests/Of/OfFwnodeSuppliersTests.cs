using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>of_fwnode_add_links / of_link_property for the exact-name and suffix bindings (spec R5.5).</summary>
public class OfFwnodeSuppliersTests
{
    private static DtTree Compile(string body) => TestDts.Compile(body);

    private static readonly DtTree Tree = Compile("""
        / {
            prov: prov {
                #clock-cells = <1>; #interconnect-cells = <1>; #iommu-cells = <1>; #mbox-cells = <1>;
                #io-channel-cells = <1>; #io-backend-cells = <0>; #dma-cells = <1>; #power-domain-cells = <1>;
                #hwlock-cells = <1>; #phy-cells = <1>; #pwm-cells = <2>; #reset-cells = <1>; #msi-cells = <0>;
                #pse-cells = <1>; #access-controller-cells = <1>; #gpio-cells = <2>;
            };
            plain: plain { };
            pins: pins { a: a { }; b: b { }; };
            consumer {
                clocks = <&prov 1>, <&prov 2>;
                interconnects = <&prov 1 &prov 2>, <&plain>;
                iommus = <&prov 1>;
                mboxes = <&prov 0>;
                io-channels = <&prov 0>;
                io-backends = <&prov>;
                dmas = <&prov 1>, <&prov 2>;
                power-domains = <&prov 2>;
                hwlocks = <&prov 0>;
                extcon = <&plain &prov>;
                nvmem-cells = <&plain>;
                phys = <&prov 0>;
                wakeup-parent = <&plain>;
                pinctrl-0 = <&a &b>;
                pinctrl-8 = <&b>;
                pinctrl-9 = <&a>;
                pwms = <&prov 0 100>;
                resets = <&prov 3>;
                leds = <&plain>;
                backlight = <&plain>;
                panel = <&plain>;
                msi-parent = <&prov>;
                pses = <&prov 0>;
                power-supplies = <&plain>;
                access-controllers = <&prov 0>;
                post-init-providers = <&plain>;
                vdd-supply = <&plain>;
                -supply = <&plain>;
                clock-names = "a", "b";
            };
            typo { io-channel = <&prov 1>; };
            holes {
                clocks = <0>, <&prov 1>;
                resets = <&prov 1>, <0>, <&prov 2>;
                pwms = <&prov 0 1>, <0x999 0 1>, <&prov 1 1>;
                phys = <&plain 1>;
                power-domains = <&plain>;
            };
        };
        """);

    private static DtNode N(string path) => Tree.FindByPath(path)!;

    private static IReadOnlySet<string> Only(string binding) => new HashSet<string> { binding };

    private static string[] Links(DtNode node, IReadOnlySet<string> bindings, bool strict = true, bool cellsOptional = false) =>
        OfFwnodeSuppliers.Parse(node, bindings, FwDevlinkBindings.Optional, strict, cellsOptional)
            .Select(r => $"{r.Property}:{r.Index}->{r.Supplier.Path}").ToArray();

    [Theory]
    [InlineData("clocks", "clocks:0->/prov", "clocks:1->/prov")]
    [InlineData("interconnects", "interconnects:0->/prov", "interconnects:1->/prov")]
    [InlineData("iommus", "iommus:0->/prov")]
    [InlineData("mboxes", "mboxes:0->/prov")]
    [InlineData("io-channels", "io-channels:0->/prov")]
    [InlineData("io-backends", "io-backends:0->/prov")]
    [InlineData("dmas", "dmas:0->/prov", "dmas:1->/prov")]
    [InlineData("power-domains", "power-domains:0->/prov")]
    [InlineData("hwlocks", "hwlocks:0->/prov")]
    [InlineData("extcon", "extcon:0->/plain", "extcon:1->/prov")]
    [InlineData("nvmem-cells", "nvmem-cells:0->/plain")]
    [InlineData("phys", "phys:0->/prov")]
    [InlineData("wakeup-parent", "wakeup-parent:0->/plain")]
    [InlineData("pinctrl", "pinctrl-0:0->/pins/a", "pinctrl-0:1->/pins/b", "pinctrl-8:0->/pins/b")]
    [InlineData("pwms", "pwms:0->/prov")]
    [InlineData("resets", "resets:0->/prov")]
    [InlineData("leds", "leds:0->/plain")]
    [InlineData("backlight", "backlight:0->/plain")]
    [InlineData("panel", "panel:0->/plain")]
    [InlineData("msi-parent", "msi-parent:0->/prov")]
    [InlineData("pses", "pses:0->/prov")]
    [InlineData("power-supplies", "power-supplies:0->/plain")]
    [InlineData("access-controllers", "access-controllers:0->/prov")]
    [InlineData("post-init-providers", "post-init-providers:0->/plain")]
    [InlineData("supply", "vdd-supply:0->/plain")]
    [InlineData("io-channel")]
    public void Each_binding_links_its_own_property(string binding, params string[] expected)
    {
        Assert.Equal(expected, Links(N("/consumer"), Only(binding)));
    }

    [Fact]
    public void Properties_come_in_node_order_and_the_consumer_is_the_node()
    {
        var refs = OfFwnodeSuppliers.Parse(N("/consumer"), FwDevlinkBindings.V6_12, FwDevlinkBindings.Optional, strict: true);
        Assert.Equal(31, refs.Count);
        Assert.Equal("clocks", refs[0].Property);
        Assert.Equal("vdd-supply", refs[^1].Property);
        Assert.All(refs, r => Assert.Same(N("/consumer"), r.Consumer));
    }

    [Fact]
    public void Optional_bindings_need_strict()
    {
        var loose = OfFwnodeSuppliers.Parse(N("/consumer"), FwDevlinkBindings.V6_12, FwDevlinkBindings.Optional, strict: false);
        Assert.DoesNotContain(loose, r => r.Property is "iommus" or "dmas");
        Assert.All(loose, r => Assert.False(r.Optional));

        var strict = OfFwnodeSuppliers.Parse(N("/consumer"), FwDevlinkBindings.V6_12, FwDevlinkBindings.Optional, strict: true);
        Assert.Equal(3, strict.Count(r => r.Optional));
        Assert.All(strict.Where(r => r.Property is "iommus" or "dmas"), r => Assert.True(r.Optional));
    }

    [Fact]
    public void Post_init_providers_are_recorded_as_ignored()
    {
        var refs = OfFwnodeSuppliers.Parse(N("/consumer"), FwDevlinkBindings.V6_12, FwDevlinkBindings.Optional, strict: false);
        var ignored = Assert.Single(refs, r => r.Ignore);
        Assert.Equal("post-init-providers", ignored.Property);
    }

    [Fact]
    public void The_io_channel_typo_ignores_real_io_channels_properties()
    {
        Assert.DoesNotContain(Links(N("/consumer"), FwDevlinkBindings.V6_6), l => l.StartsWith("io-channels", StringComparison.Ordinal));
        Assert.Contains("io-channels:0->/prov", Links(N("/consumer"), FwDevlinkBindings.V6_12));
        Assert.Equal(new[] { "io-channel:0->/prov" }, Links(N("/typo"), FwDevlinkBindings.V6_6));
        Assert.Empty(Links(N("/typo"), FwDevlinkBindings.V6_12));
    }

    [Fact]
    public void An_empty_slot_or_a_dangling_phandle_ends_the_property()
    {
        var links = Links(N("/holes"), FwDevlinkBindings.V6_12);
        Assert.DoesNotContain(links, l => l.StartsWith("clocks", StringComparison.Ordinal));
        Assert.Contains("resets:0->/prov", links);
        Assert.DoesNotContain("resets:2->/prov", links);
        Assert.Contains("pwms:0->/prov", links);
        Assert.DoesNotContain("pwms:2->/prov", links);
    }

    [Fact]
    public void A_missing_cells_property_fails_exact_name_bindings_until_v6_4()
    {
        Assert.DoesNotContain(Links(N("/holes"), FwDevlinkBindings.V6_12), l => l.StartsWith("phys", StringComparison.Ordinal) || l.StartsWith("power-domains", StringComparison.Ordinal));
        var lenient = Links(N("/holes"), FwDevlinkBindings.V6_12, cellsOptional: true);
        // with #phy-cells taken as 0 the argument cell 1 becomes a (dangling or unrelated) phandle of its own
        Assert.Contains("phys:0->/plain", lenient);
        Assert.Contains("power-domains:0->/plain", lenient);
    }
}
