using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>The fw_devlink bindings with their own parsers: iommu-map, GPIOs, interrupts, interrupt-map, interrupt-parent.</summary>
public class OfFwnodeSuppliersSpecialTests
{
    private static DtTree Compile(string body) => TestDts.Compile(body);

    private static readonly DtTree Tree = Compile("""
        / {
            #address-cells = <1>;
            #size-cells = <1>;
            interrupt-parent = <&gic>;
            gic: interrupt-controller@1000 {
                reg = <0x1000 0x100>; interrupt-controller; #interrupt-cells = <3>; #address-cells = <0>;
            };
            gpio: gpio@2000 {
                reg = <0x2000 0x100>; gpio-controller; #gpio-cells = <2>;
                interrupt-controller; #interrupt-cells = <2>;
                hog { gpio-hog; gpios = <&gpio 3 0>; output-high; };
                not-a-hog { gpios = <&gpio 3 0>; };
            };
            smmu: iommu@3000 { reg = <0x3000 0x100>; #iommu-cells = <1>; };
            smmu2: iommu@4000 { reg = <0x4000 0x100>; #iommu-cells = <1>; };
            pcie@5000 {
                reg = <0x5000 0x100>;
                iommu-map = <0x0 &smmu 0x0 0x100>, <0x100 &smmu2 0x0 0x100>;
            };
            dev@6000 {
                reg = <0x6000 0x100>;
                reset-gpios = <&gpio 1 0>;
                enable-gpio = <&gpio 2 0>;
                snps,nr-gpios = <4>;
                gpios = <&gpio 5 0>;
                interrupts = <0 5 4>, <0 6 4>;
            };
            nexus: nexus {
                #address-cells = <0>;
                #interrupt-cells = <1>;
                interrupt-map = <0 &gic 0 20 4>, <1 &gpio 5 2>;
                child { interrupt-parent = <&nexus>; interrupts = <1>, <0>; };
                ext { interrupts-extended = <&nexus 0>, <&gpio 7 1>; };
            };
        };
        """);

    private static DtNode N(string path) => Tree.FindByPath(path)!;

    private static string[] Links(DtNode node, IReadOnlySet<string> bindings, bool strict = true) =>
        OfFwnodeSuppliers.Parse(node, bindings, FwDevlinkBindings.Optional, strict)
            .Select(r => $"{r.Property}:{r.Index}->{r.Supplier.Path}").ToArray();

    [Fact]
    public void Iommu_map_takes_the_phandle_of_every_four_cell_tuple()
    {
        Assert.Equal(new[] { "iommu-map:0->/iommu@3000", "iommu-map:1->/iommu@4000" }, Links(N("/pcie@5000"), FwDevlinkBindings.V6_12));
        Assert.Empty(Links(N("/pcie@5000"), FwDevlinkBindings.V6_12, strict: false));
    }

    [Fact]
    public void Gpio_suffixes_link_but_nr_gpios_does_not()
    {
        var links = Links(N("/dev@6000"), new HashSet<string> { FwDevlinkBindings.GpioSuffix });
        Assert.Equal(new[] { "reset-gpios:0->/gpio@2000", "enable-gpio:0->/gpio@2000" }, links);
    }

    [Fact]
    public void Legacy_gpios_link_except_on_gpio_hog_nodes()
    {
        var legacy = new HashSet<string> { FwDevlinkBindings.GpioLegacy };
        Assert.Equal(new[] { "gpios:0->/gpio@2000" }, Links(N("/dev@6000"), legacy));
        Assert.Equal(new[] { "gpios:0->/gpio@2000" }, Links(N("/gpio@2000/not-a-hog"), legacy));
        Assert.Empty(Links(N("/gpio@2000/hog"), legacy));
        Assert.DoesNotContain(Links(N("/dev@6000"), FwDevlinkBindings.V5_10), l => l.StartsWith("gpios", StringComparison.Ordinal));
    }

    [Fact]
    public void Interrupts_use_the_inherited_interrupt_parent()
    {
        Assert.Equal(new[] { "interrupts:0->/interrupt-controller@1000", "interrupts:1->/interrupt-controller@1000" },
            Links(N("/dev@6000"), new HashSet<string> { FwDevlinkBindings.Interrupts }));
    }

    [Fact]
    public void Interrupts_through_a_nexus_link_to_the_mapped_controllers()
    {
        var links = Links(N("/nexus/child"), FwDevlinkBindings.V6_12);
        Assert.Equal(new[] { "interrupt-parent:0->/nexus", "interrupts:0->/gpio@2000", "interrupts:1->/interrupt-controller@1000" }, links);
        // v6.13 no longer links interrupt-parent by itself
        Assert.Equal(new[] { "interrupts:0->/gpio@2000", "interrupts:1->/interrupt-controller@1000" }, Links(N("/nexus/child"), FwDevlinkBindings.V6_13));
    }

    [Fact]
    public void Interrupts_extended_is_resolved_from_v5_12_and_taken_literally_in_v5_10()
    {
        Assert.Equal(new[] { "interrupts-extended:0->/interrupt-controller@1000", "interrupts-extended:1->/gpio@2000" },
            Links(N("/nexus/ext"), FwDevlinkBindings.V6_6));
        Assert.Equal(new[] { "interrupts-extended:0->/nexus", "interrupts-extended:1->/gpio@2000" },
            Links(N("/nexus/ext"), FwDevlinkBindings.V5_10));
    }

    [Fact]
    public void Interrupt_map_links_every_entry_parent()
    {
        Assert.Equal(new[] { "interrupt-map:0->/interrupt-controller@1000", "interrupt-map:1->/gpio@2000" },
            Links(N("/nexus"), FwDevlinkBindings.V6_12));
        Assert.Empty(Links(N("/nexus"), FwDevlinkBindings.V6_6));
    }
}
