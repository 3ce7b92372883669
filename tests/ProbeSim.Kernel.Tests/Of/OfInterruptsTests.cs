using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>of_irq_find_parent, of_irq_parse_one and the interrupt-map walk of of_irq_parse_raw.</summary>
public class OfInterruptsTests
{
    private static DtTree Compile(string body) => TestDts.Compile(body);

    private static readonly DtTree Tree = Compile("""
        / {
            #address-cells = <1>;
            #size-cells = <1>;
            interrupt-parent = <&gic>;
            gic: interrupt-controller@1000 {
                reg = <0x1000 0x100>;
                interrupt-controller;
                #interrupt-cells = <3>;
                #address-cells = <0>;
            };
            gpio: gpio@2000 {
                reg = <0x2000 0x100>;
                interrupt-controller;
                #interrupt-cells = <2>;
                interrupts = <0 10 4>;
            };
            offc: intc@3000 {
                reg = <0x3000 0x100>;
                interrupt-controller;
                #interrupt-cells = <1>;
                status = "disabled";
            };
            soc {
                #address-cells = <1>;
                #size-cells = <1>;
                uart@4000 { reg = <0x4000 0x100>; interrupts = <0 5 4>, <0 6 4>; };
                keys { interrupt-parent = <&gpio>; interrupts = <7 2>; };
                ext { interrupts-extended = <&gic 0 9 4>, <&gpio 3 1>; };
                short { interrupts = <0 5>; };
                hop { interrupt-parent = <&soc_label>; interrupts = <0 1 4>; };
            };
            soc_label: label-only { };
            nexus: nexus {
                #address-cells = <0>;
                #interrupt-cells = <1>;
                interrupt-map-mask = <0x7>;
                interrupt-map = <0 &offc 4>, <0 &gic 0 20 4>, <1 &gpio 5 2>;
                child { interrupt-parent = <&nexus>; interrupts = <1>, <0>, <8>, <2>; };
            };
            intc_map: intc-with-map {
                interrupt-controller;
                #interrupt-cells = <1>;
                #address-cells = <0>;
                interrupt-map = <3 &gic 0 30 4>;
                user { interrupt-parent = <&intc_map>; interrupts = <3>, <4>; };
            };
        };
        """);

    private static DtNode N(string path) => Tree.FindByPath(path)!;

    [Fact]
    public void The_parent_is_inherited_from_the_root()
    {
        Assert.Same(N("/interrupt-controller@1000"), OfInterrupts.FindInterruptParent(N("/soc/uart@4000")));
        Assert.Same(N("/gpio@2000"), OfInterrupts.FindInterruptParent(N("/soc/keys")));
        // a controller is not its own parent
        Assert.Same(N("/interrupt-controller@1000"), OfInterrupts.FindInterruptParent(N("/gpio@2000")));
    }

    [Fact]
    public void An_interrupt_parent_without_interrupt_cells_is_walked_past()
    {
        // label-only has no #interrupt-cells: the walk goes on to its tree parent, the root, and from there to the gic
        Assert.Same(N("/interrupt-controller@1000"), OfInterrupts.FindInterruptParent(N("/soc/hop")));
    }

    [Fact]
    public void Plain_interrupts_resolve_to_the_inherited_controller()
    {
        var s = OfInterrupts.ParseOne(N("/soc/uart@4000"), 1);
        Assert.True(s.IsResolved);
        Assert.Same(N("/interrupt-controller@1000"), s.Controller);
        Assert.Equal(new uint[] { 0, 6, 4 }, s.Args);
        Assert.False(OfInterrupts.ParseOne(N("/soc/uart@4000"), 2).IsResolved);
    }

    [Fact]
    public void Interrupts_extended_names_a_parent_per_entry()
    {
        Assert.Same(N("/interrupt-controller@1000"), OfInterrupts.ParseOne(N("/soc/ext"), 0).Controller);
        Assert.Same(N("/gpio@2000"), OfInterrupts.ParseOne(N("/soc/ext"), 1).Controller);
    }

    [Fact]
    public void A_short_specifier_fails()
    {
        var s = OfInterrupts.ParseOne(N("/soc/short"), 0);
        Assert.Null(s.Controller);
        Assert.NotNull(s.Error);
    }

    [Fact]
    public void Interrupt_map_translates_with_mask_and_skips_unavailable_parents()
    {
        var child = N("/nexus/child");
        var first = OfInterrupts.ParseOne(child, 0);
        Assert.Same(N("/gpio@2000"), first.Controller);
        Assert.Equal(new uint[] { 5, 2 }, first.Args);
        // spec 0: the first entry matches but its parent is disabled, the second takes it
        var second = OfInterrupts.ParseOne(child, 1);
        Assert.Same(N("/interrupt-controller@1000"), second.Controller);
        Assert.Equal(new uint[] { 0, 20, 4 }, second.Args);
        // 8 & 7 == 0: matches like spec 0
        Assert.Same(N("/interrupt-controller@1000"), OfInterrupts.ParseOne(child, 2).Controller);
        // spec 2 has no entry and the nexus is no controller
        var none = OfInterrupts.ParseOne(child, 3);
        Assert.Null(none.Controller);
        Assert.Contains("no interrupt-map entry", none.Error);
    }

    [Fact]
    public void An_interrupt_controller_with_a_map_uses_the_map_first_and_itself_otherwise()
    {
        var user = N("/intc-with-map/user");
        Assert.Same(N("/interrupt-controller@1000"), OfInterrupts.ParseOne(user, 0).Controller);
        var own = OfInterrupts.ParseOne(user, 1);
        Assert.Same(N("/intc-with-map"), own.Controller);
        Assert.Equal(new uint[] { 4 }, own.Args);
    }

    [Fact]
    public void No_parent_anywhere_is_an_error()
    {
        var tree = Compile("/ { dev { interrupts = <5>; }; };");
        Assert.Null(OfInterrupts.FindInterruptParent(tree.FindByPath("/dev")!));
        var s = OfInterrupts.ParseOne(tree.FindByPath("/dev")!, 0);
        Assert.Equal("/dev: no interrupt parent", s.Error);
    }

    [Theory]
    [InlineData("0xffffffff")]
    [InlineData("0xfffffffe")]
    [InlineData("14")]
    public void Address_cells_plus_interrupt_cells_above_MAX_PHANDLE_ARGS_fail(string addressCells)
    {
        // of_irq_parse_raw: WARN_ON(addrsize + intsize > MAX_PHANDLE_ARGS) -> -EFAULT (16 args); the fuzzing harness
        // found that 0xffffffff + 3 wrapped around the check and ended boot with an internal error
        var tree = Compile($$"""
            / {
                #address-cells = <{{addressCells}}>;
                interrupt-parent = <&gic>;
                gic: intc { interrupt-controller; #interrupt-cells = <3>; };
                dev { interrupts = <0 5 4>; };
            };
            """);
        var s = OfInterrupts.ParseOne(tree.FindByPath("/dev")!, 0);
        Assert.Null(s.Controller);
        Assert.Contains("exceed 16", s.Error);
    }
}
