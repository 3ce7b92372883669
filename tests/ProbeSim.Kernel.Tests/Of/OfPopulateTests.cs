using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>of_platform_default_populate and of_device_make_bus_id, per docs/kernel/of-population.md and spec R6.1–R6.2.</summary>
public class OfPopulateTests
{
    private static DtTree Compile(string body) => DtsCompiler.Compile("/dts-v1/;\n" + body, "test.dts", new DtsCompileOptions()).Tree;

    private static Dictionary<string, OfDevice> Populate(DtTree tree, OfPopulateOptions? options = null) =>
        OfPlatformPopulate.DefaultPopulate(tree, options ?? new OfPopulateOptions()).ToDictionary(d => d.Node.Path);

    private const string Board = """
        / {
            #address-cells = <1>;
            #size-cells = <1>;
            compatible = "vendor,board";
            chosen { bootargs = "x"; };
            cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { compatible = "arm,cortex-a53"; reg = <0>; }; };
            opp-table { compatible = "operating-points-v2"; };
            timer { compatible = "arm,armv8-timer"; };
            gpio-keys { compatible = "gpio-keys"; key { label = "k"; }; };
            bus@e6000000 {
                compatible = "simple-bus";
                #address-cells = <1>;
                #size-cells = <1>;
                ranges = <0 0xe6000000 0x1000000>;
                iommu@740000 { compatible = "renesas,ipmmu-vmsa"; reg = <0x740000 0x1000>; };
                serial@100 { compatible = "arm,pl011", "arm,primecell"; reg = <0x100 0x100>; child { compatible = "never"; }; };
                i2c@200 {
                    compatible = "vendor,i2c"; reg = <0x200 0x100>;
                    #address-cells = <1>; #size-cells = <0>;
                    pmic@30 { compatible = "vendor,pmic"; reg = <0x30>; };
                };
                mfd@300 {
                    compatible = "vendor,mfd", "simple-mfd"; reg = <0x300 0x100>;
                    regs { compatible = "vendor,mfd-part"; };
                };
                off@400 { compatible = "vendor,off"; reg = <0x400 0x10>; status = "disabled"; };
            };
            soc {
                compatible = "simple-bus";
                #address-cells = <1>;
                #size-cells = <1>;
                ranges;
                leds { compatible = "gpio-leds"; };
                dma@2000000 { compatible = "vendor,dma"; reg = <0x2000000 0x1000>; };
            };
            dead-bus {
                compatible = "simple-bus";
                status = "disabled";
                #address-cells = <1>;
                #size-cells = <1>;
                ranges;
                hidden@10 { compatible = "vendor,hidden"; reg = <0x10 0x10>; };
            };
            nobus {
                compatible = "simple-bus";
                #address-cells = <1>;
                #size-cells = <1>;
                untranslated@10 { compatible = "vendor,x"; reg = <0x10 0x10>; };
            };
            reserved-memory {
                #address-cells = <1>;
                #size-cells = <1>;
                ranges;
                ramoops@80000000 { compatible = "ramoops"; reg = <0x80000000 0x100000>; };
                cma@90000000 { compatible = "shared-dma-pool"; reg = <0x90000000 0x100000>; reusable; };
            };
            firmware {
                scmi { compatible = "arm,scmi"; protocol@14 { reg = <0x14>; compatible = "never"; }; };
            };
        };
        """;

    [Fact]
    public void Names_use_the_translated_address()
    {
        var d = Populate(Compile(Board));
        Assert.Equal("e6740000.iommu", d["/bus@e6000000/iommu@740000"].Name);
        Assert.Equal("2000000.dma", d["/soc/dma@2000000"].Name);
        Assert.Equal("e6000100.serial", d["/bus@e6000000/serial@100"].Name);
    }

    [Fact]
    public void Nodes_without_a_translatable_reg_take_the_path_form()
    {
        var d = Populate(Compile(Board));
        Assert.Equal("gpio-keys", d["/gpio-keys"].Name);
        Assert.Equal("soc:leds", d["/soc/leds"].Name);
        Assert.Equal("timer", d["/timer"].Name);
        Assert.Equal("e6000300.mfd:regs", d["/bus@e6000000/mfd@300/regs"].Name);
        // a bus without "ranges" cannot be crossed: the name keeps the node names
        Assert.Equal("nobus:untranslated@10", d["/nobus/untranslated@10"].Name);
    }

    [Fact]
    public void Primecell_nodes_become_amba_devices_and_are_not_descended()
    {
        var d = Populate(Compile(Board));
        Assert.Equal(OfBus.Amba, d["/bus@e6000000/serial@100"].Bus);
        Assert.False(d.ContainsKey("/bus@e6000000/serial@100/child"));
        Assert.DoesNotContain(Populate(Compile(Board), new OfPopulateOptions { Amba = false }).Keys, k => k.Contains("serial"));
    }

    [Fact]
    public void Only_buses_are_descended()
    {
        var d = Populate(Compile(Board));
        Assert.True(d.ContainsKey("/bus@e6000000/i2c@200"));
        Assert.False(d.ContainsKey("/bus@e6000000/i2c@200/pmic@30")); // left to the i2c driver
        Assert.True(d.ContainsKey("/bus@e6000000/mfd@300/regs"));     // simple-mfd children are populated
        Assert.False(d.ContainsKey("/gpio-keys/key"));
    }

    [Fact]
    public void Disabled_nodes_and_their_subtrees_make_nothing()
    {
        var d = Populate(Compile(Board));
        Assert.False(d.ContainsKey("/bus@e6000000/off@400"));
        Assert.False(d.ContainsKey("/dead-bus"));
        Assert.False(d.ContainsKey("/dead-bus/hidden@10"));
    }

    [Fact]
    public void Nodes_without_compatible_and_skipped_tables_make_nothing()
    {
        var d = Populate(Compile(Board));
        Assert.False(d.ContainsKey("/chosen"));
        Assert.False(d.ContainsKey("/cpus/cpu@0"));
        Assert.False(d.ContainsKey("/opp-table"));
    }

    [Fact]
    public void Reserved_memory_whitelist_and_firmware_children()
    {
        var d = Populate(Compile(Board));
        Assert.Equal("80000000.ramoops", d["/reserved-memory/ramoops@80000000"].Name);
        Assert.False(d.ContainsKey("/reserved-memory/cma@90000000"));
        Assert.Equal("firmware:scmi", d["/firmware/scmi"].Name);
        Assert.False(d.ContainsKey("/firmware/scmi/protocol@14"));
        // reserved-memory and firmware come before the root walk
        var order = OfPlatformPopulate.DefaultPopulate(Compile(Board), new OfPopulateOptions()).Select(x => x.Node.Path).ToList();
        Assert.True(order.IndexOf("/reserved-memory/ramoops@80000000") < order.IndexOf("/timer"));
    }

    [Fact]
    public void Depth_first_in_tree_order_with_parents()
    {
        var devs = OfPlatformPopulate.DefaultPopulate(Compile(Board), new OfPopulateOptions()).Select(x => x.Node.Path).ToList();
        Assert.True(devs.IndexOf("/bus@e6000000/mfd@300/regs") < devs.IndexOf("/soc"));
        var d = Populate(Compile(Board));
        Assert.Same(d["/bus@e6000000"], d["/bus@e6000000/iommu@740000"].Parent);
        Assert.Null(d["/bus@e6000000"].Parent);
    }
}
