using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Graph;

namespace ProbeSim.Reports.Tests.Graph;

public class DeviceGraphBuilderTests
{
    private static DeviceGraph Graph(bool all = false) => DeviceGraphBuilder.Build(GraphSample.Result(), all);

    [Fact]
    public void Devices_come_first_in_boot_order_then_dt_nodes_then_iommus()
    {
        Assert.Equal(
            ["platform:1000.clk", "amba:2000.serial", "platform:3000.mmc", "platform:4000.iommu", "of:/soc/pinctrl/uart-pins", "iommu:smmu0"],
            Graph().Nodes.Select(n => n.Id));
    }

    [Fact]
    public void Nodes_carry_state_driver_and_kind()
    {
        var nodes = Graph().Nodes.ToDictionary(n => n.Id);
        Assert.Equal(["1000.clk", "acme-clk", "bound"], nodes["platform:1000.clk"].Label);
        Assert.Equal(GraphState.Deferred, nodes["amba:2000.serial"].State);
        Assert.Equal(["2000.serial", "deferred"], nodes["amba:2000.serial"].Label);
        Assert.Equal("/soc/serial@2000\namba: wait for supplier /soc/pinctrl/uart-pins", nodes["amba:2000.serial"].Tooltip);
        Assert.Equal(GraphNodeKind.DtNode, nodes["of:/soc/pinctrl/uart-pins"].Kind);
        Assert.Equal(["uart-pins", "not a device"], nodes["of:/soc/pinctrl/uart-pins"].Label);
        Assert.Equal(GraphNodeKind.Iommu, nodes["iommu:smmu0"].Kind);
        Assert.Equal(["smmu0", "arm-smmu"], nodes["iommu:smmu0"].Label);
    }

    [Fact]
    public void Edges_point_from_consumer_to_supplier_each_once()
    {
        var expected = new[]
        {
            new GraphEdge("amba:2000.serial", "platform:1000.clk", GraphEdgeKind.DeviceLink, "available"),
            new GraphEdge("platform:3000.mmc", "platform:1000.clk", GraphEdgeKind.DeviceLink, null),
            new GraphEdge("amba:2000.serial", "of:/soc/pinctrl/uart-pins", GraphEdgeKind.FwnodeLink, null),
            new GraphEdge("iommu:smmu0", "platform:4000.iommu", GraphEdgeKind.IommuDevice, null),
            new GraphEdge("platform:3000.mmc", "iommu:smmu0", GraphEdgeKind.Translation, null),
        };
        Assert.Equal(expected, Graph().Edges);
    }

    [Fact]
    public void Iommu_groups_hold_their_devices()
    {
        var g = Assert.Single(Graph().Groups);
        Assert.Equal(0, g.Id);
        Assert.Equal("iommu_group 0: DMA", g.Label);
        Assert.Equal(["platform:3000.mmc"], g.Members);
    }

    [Fact]
    public void A_disabled_node_that_supplies_nobody_is_left_out_unless_all_nodes_are_asked_for()
    {
        Assert.DoesNotContain(Graph().Nodes, n => n.Id == "of:/soc/usb@5000");
        var usb = Assert.Single(Graph(all: true).Nodes, n => n.Id == "of:/soc/usb@5000");
        Assert.Equal(GraphState.Disabled, usb.State);
        Assert.Equal(["usb@5000", "disabled"], usb.Label);
    }

    [Fact]
    public void A_not_present_node_named_as_supplier_is_drawn_with_its_own_state()
    {
        var r = GraphSample.Result();
        r = r with
        {
            Devices = [.. r.Devices, new DeviceOutcome { Name = "uart-pins", OfNode = "/soc/pinctrl/uart-pins", State = DeviceState.NotPresent, Note = new TextNote("child of 6000.pinctrl: left to its driver") }],
        };
        var node = Assert.Single(DeviceGraphBuilder.Build(r).Nodes, n => n.Id == "of:/soc/pinctrl/uart-pins");
        Assert.Equal(GraphNodeKind.Device, node.Kind);
        Assert.Equal(GraphState.NotPresent, node.State);
    }

    [Fact]
    public void Devices_with_the_same_name_get_distinct_ids()
    {
        var r = GraphSample.Result();
        r = r with { Devices = [r.Devices[0], r.Devices[0] with { OfNode = "/other" }] };
        Assert.Equal(["platform:1000.clk", "platform:1000.clk#2"], DeviceGraphBuilder.Build(r).Nodes.Select(n => n.Id).Take(2));
    }

    [Theory]
    [InlineData(DeviceState.Bound, null, GraphState.Bound)]
    [InlineData(DeviceState.Deferred, null, GraphState.Deferred)]
    [InlineData(DeviceState.Failed, null, GraphState.Failed)]
    [InlineData(DeviceState.NoDriver, null, GraphState.NoDriver)]
    [InlineData(DeviceState.NotPresent, "disabled", GraphState.Disabled)]
    [InlineData(DeviceState.NotPresent, "fail", GraphState.Disabled)]
    [InlineData(DeviceState.NotPresent, "under", GraphState.Disabled)]
    [InlineData(DeviceState.NotPresent, "parent", GraphState.NotPresent)]
    [InlineData(DeviceState.NotPresent, null, GraphState.NotPresent)]
    public void Graph_states_split_disabled_from_other_not_present_nodes(DeviceState state, string? reason, GraphState expected)
    {
        ProbeSim.Kernel.Of.NoDeviceReason? typed = reason switch
        {
            "disabled" or "fail" => new ProbeSim.Kernel.Of.NoDeviceReason.Disabled(reason),
            "under" => new ProbeSim.Kernel.Of.NoDeviceReason.UnderDisabled("/soc/bus@0"),
            "parent" => new ProbeSim.Kernel.Of.NoDeviceReason.LeftToParentDriver("1000.pmic"),
            _ => null,
        };
        // the note does not matter: another note (or none) leaves the state alone
        foreach (var note in new OutcomeNote?[] { typed is null ? null : new OutcomeNote.NoDevice(typed), new OutcomeNote.NoMatchingDriver(), null })
            Assert.Equal(expected, GraphStates.Of(new DeviceOutcome { Name = "x", State = state, NoDevice = typed, Note = note }));
    }
}
