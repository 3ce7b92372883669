using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Html;
using ProbeSim.Reports.Html.Graph;

namespace ProbeSim.Reports.Tests.Html;

public sealed class ReportGraphBuilderTests
{
    private static DeviceOutcome Disabled => SampleBoot.Usb with { NoDevice = new ProbeSim.Kernel.Of.NoDeviceReason.Disabled("disabled"), Note = new TextNote("status = \"disabled\"") };

    private static BootResult WithIommu() => SampleBoot.Result() with
    {
        Devices =
        [
            SampleBoot.Dma with { Suppliers = [] },
            new DeviceOutcome { Name = "1000000.iommu", Bus = "platform", OfNode = "/soc/iommu@1000000", State = DeviceState.Bound, Driver = "arm-smmu" },
            SampleBoot.Serial with { Suppliers = [new SupplierOutcome.Fwnode("/soc/pinctrl@5000000/uart-pins"), new SupplierOutcome.Device("2000000.dma")] },
            Disabled,
        ],
        Devlinks = [new DevlinkOutcome("platform:2000000.dma--platform:4000000.serial", "2000000.dma", "4000000.serial", "dormant", false, "consumer unbind", true)],
        IommuGroups = [new IommuGroupOutcome(0, "DMA", "DMA", ["2000000.dma"], null, 1, [])],
        Iommus = [new IommuOutcome("smmu.0x1000000", "1000000.iommu", "arm-smmu", ["2000000.dma"], 8, 1)],
    };

    [Fact]
    public void Devices_then_groups_then_firmware_nodes()
    {
        var g = ReportGraphBuilder.Build(WithIommu());
        Assert.Equal(["d0", "d1", "d2", "d3", "g0", "f0"], g.Nodes.Select(n => n.Id));
        Assert.Equal(GraphNodeKind.Fwnode, g.Nodes[5].Kind);
        Assert.Equal("/soc/pinctrl@5000000/uart-pins", g.Nodes[5].Label);
    }

    [Fact]
    public void Edges_run_from_supplier_to_consumer_once()
    {
        var g = ReportGraphBuilder.Build(WithIommu());
        Assert.Equal(
            [(0, 2, GraphEdgeKind.Devlink, "dormant"), (5, 2, GraphEdgeKind.Supplier, null), (1, 4, GraphEdgeKind.Iommu, null), (4, 0, GraphEdgeKind.Group, null)],
            g.Edges.Select(e => (e.From, e.To, e.Kind, e.Status)));
    }

    [Fact]
    public void A_node_disabled_in_the_tree_is_disabled_in_the_report()
    {
        Assert.Equal("disabled", ReportStateWords.Word(Disabled));
        Assert.Equal("disabled", ReportStateWords.Word(SampleBoot.Usb with { NoDevice = new ProbeSim.Kernel.Of.NoDeviceReason.Disabled("fail"), Note = new TextNote("reworded") }));
        Assert.Equal("not-present", ReportStateWords.Word(SampleBoot.Usb with { Note = new TextNote("parent /cpus has no compatible: not populated") }));
        Assert.Equal("deferred", ReportStateWords.Word(SampleBoot.Serial));
    }
}
