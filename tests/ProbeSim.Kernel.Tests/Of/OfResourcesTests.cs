using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>The resources a generic probe asks for, with names, providers and parse errors.</summary>
public class OfResourcesTests
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
            gpio: gpio@2000 { reg = <0x2000 0x100>; gpio-controller; #gpio-cells = <2>; interrupt-controller; #interrupt-cells = <2>; };
            prov: prov { #clock-cells = <1>; #reset-cells = <1>; #power-domain-cells = <1>; #phy-cells = <1>; #dma-cells = <1>; };
            osc: osc { #clock-cells = <0>; };
            smmu: smmu { #iommu-cells = <1>; };
            plain: plain { };
            reg1: regulator { };
            dev@7000 {
                reg = <0x7000 0x100>;
                iommus = <&smmu 3>, <&plain>;
                dmas = <&prov 1>, <&prov 2>;
                dma-names = "tx", "rx";
                reset-gpios = <&gpio 2 0>;
                gpios = <&gpio 4 0>;
                snps,nr-gpios = <4>;
                enable-gpio = <&gpio 5 0>;
                interrupts = <0 5 4>, <0 6 4>;
                interrupt-names = "tx", "rx";
                phys = <&prov 0>;
                phy-names = "usb";
                vdd-supply = <&reg1>;
                vio-supply = <0x999>;
                resets = <&prov 3>;
                reset-names = "rst";
                clocks = <&prov 1>, <0>, <&osc>;
                clock-names = "bus", "unused", "ref";
                power-domains = <&prov 1>, <&prov 2>;
                power-domain-names = "core", "mem";
            };
            bad {
                clocks = <&prov 1>, <0x999 1>, <&osc>;
                resets = <&plain 1>;
                phys = <&prov>;
                interrupts-extended = <&gpio 1 2>, <0x999 1>, <&gic 0 1 4>;
            };
            short-irq { interrupts = <0 5 4>, <0 6>; };
        };
        """);

    private static DtNode N(string path) => Tree.FindByPath(path)!;

    private static string Show(OfResourceRef r) =>
        $"{r.Kind} {r.Property}[{r.Index}] {r.Name ?? "-"} {r.Provider?.Path ?? "-"}{(r.ParseError is null ? "" : " !")}";

    [Fact]
    public void Resources_come_by_kind_in_probe_order_with_names()
    {
        var all = OfResources.Collect(N("/dev@7000")).Select(Show).ToArray();
        Assert.Equal(new[]
        {
            "PowerDomain power-domains[0] core /prov",
            "PowerDomain power-domains[1] mem /prov",
            "Clock clocks[0] bus /prov",
            "Clock clocks[2] ref /osc",
            "Reset resets[0] rst /prov",
            "Regulator vdd-supply[0] vdd /regulator",
            "Regulator vio-supply[0] vio - !",
            "Phy phys[0] usb /prov",
            "Interrupt interrupts[0] tx /interrupt-controller@1000",
            "Interrupt interrupts[1] rx /interrupt-controller@1000",
            "Gpio reset-gpios[0] reset /gpio@2000",
            "Gpio gpios[0] - /gpio@2000",
            "Gpio enable-gpio[0] enable /gpio@2000",
            "Dma dmas[0] tx /prov",
            "Dma dmas[1] rx /prov",
            "Iommu iommus[0] - /smmu",
            "Iommu iommus[1] - /plain",
        }, all);
    }

    [Fact]
    public void Parse_errors_are_reported_and_end_their_list()
    {
        var all = OfResources.Collect(N("/bad"));
        var clocks = all.Where(r => r.Kind == ResourceKind.Clock).ToArray();
        Assert.Equal(2, clocks.Length);
        Assert.Null(clocks[0].ParseError);
        Assert.Equal("/bad: could not find phandle 2457", clocks[1].ParseError);
        Assert.Null(clocks[1].Provider);

        var reset = Assert.Single(all, r => r.Kind == ResourceKind.Reset);
        Assert.Equal("/bad: could not get #reset-cells for /plain", reset.ParseError);
        var phy = Assert.Single(all, r => r.Kind == ResourceKind.Phy);
        Assert.Equal("/bad: #phy-cells = 1 found 0", phy.ParseError);

        var irqs = all.Where(r => r.Kind == ResourceKind.Interrupt).ToArray();
        Assert.Equal(2, irqs.Length);
        Assert.Equal("/gpio@2000", irqs[0].Provider!.Path);
        Assert.NotNull(irqs[1].ParseError);
    }

    [Fact]
    public void A_short_interrupt_specifier_is_listed_as_an_error()
    {
        var irqs = OfResources.Collect(N("/short-irq"));
        Assert.Equal(2, irqs.Count);
        Assert.Null(irqs[0].ParseError);
        Assert.NotNull(irqs[1].ParseError);
    }

    [Fact]
    public void Interrupts_without_any_parent_are_one_error()
    {
        var tree = Compile("/ { dev { interrupts = <5>, <6>; }; };");
        var r = Assert.Single(OfResources.Collect(tree.FindByPath("/dev")!));
        Assert.Equal(ResourceKind.Interrupt, r.Kind);
        Assert.Equal("/dev: no interrupt parent", r.ParseError);
    }

    [Fact]
    public void Interrupts_through_interrupt_map_name_the_final_controller()
    {
        var tree = Compile("""
            / {
                gic: gic { interrupt-controller; #interrupt-cells = <1>; #address-cells = <0>; };
                nexus: nexus {
                    #address-cells = <0>;
                    #interrupt-cells = <1>;
                    interrupt-map = <7 &gic 42>;
                    dev { interrupt-parent = <&nexus>; interrupts = <7>; };
                };
            };
            """);
        var r = Assert.Single(OfResources.Collect(tree.FindByPath("/nexus/dev")!));
        Assert.Equal("/gic", r.Provider!.Path);
    }

    [Fact]
    public void A_node_without_resources_has_none()
    {
        Assert.Empty(OfResources.Collect(N("/plain")));
    }
}
