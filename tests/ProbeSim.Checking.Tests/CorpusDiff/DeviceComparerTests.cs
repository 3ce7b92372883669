using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Tests.CorpusDiff;

public class DeviceComparerTests
{
    private static BootResult Result(IEnumerable<DeviceOutcome> devices, IEnumerable<IommuGroupOutcome>? groups = null, bool devicesDeferred = false) => new()
    {
        Board = "b.dts", Profile = "p", Cmdline = "", DriverSet = "default",
        Devices = devices.ToList(),
        IommuGroups = (groups ?? []).ToList(),
        DevicesDeferred = devicesDeferred ? [] : null,
    };

    private static DeviceOutcome Dev(string name, string node, DeviceState state = DeviceState.Bound) =>
        new() { Name = name, OfNode = node, State = state, Driver = state == DeviceState.Bound ? "drv" : null };

    private static IommuGroupOutcome Group(int id, params string[] devices) => new(id, "DMA", "DMA", devices, null, 1, []);

    [Fact]
    public void Identical_results_have_no_delta_and_count_every_device()
    {
        var r = Result([Dev("1.a", "/soc/a@1"), Dev("2.b", "/soc/b@2", DeviceState.Deferred), new DeviceOutcome { Name = "c@3", OfNode = "/soc/c@3", State = DeviceState.NotPresent }]);
        var (compared, deltas) = DeviceComparer.Compare(r, r);
        Assert.Equal(3, compared);
        Assert.Empty(deltas);
    }

    [Fact]
    public void Every_compared_field_is_reported_in_order_with_null_for_absent_values()
    {
        var a = Result([Dev("1.a", "/soc/a@1", DeviceState.Deferred) with { Dma = "not-configured" }]);
        var b = Result([Dev("1.a", "/soc/a@1") with
        {
            Dma = "iommu", DmaOps = "iommu-dma", Iommu = "1000000.iommu", IommuGroup = 0, DomainType = "DMA", DmaOwner = "kernel",
        }], [Group(0, "1.a")]);
        var d = Assert.Single(DeviceComparer.Compare(a, b).Deltas);
        Assert.Equal("1.a", d.Device);
        Assert.Equal(
            [
                new FieldDelta("state", "deferred", "bound"), new FieldDelta("driver", null, "drv"), new FieldDelta("dma", "not-configured", "iommu"),
                new FieldDelta("dmaOps", null, "iommu-dma"), new FieldDelta("iommu", null, "1000000.iommu"), new FieldDelta("iommuGroup", null, "{1.a}"),
                new FieldDelta("domainType", null, "DMA"), new FieldDelta("dmaOwner", null, "kernel"),
            ], d.Fields);
    }

    [Fact]
    public void Errors_show_as_errno_names()
    {
        var a = Result([Dev("1.a", "/soc/a@1", DeviceState.Failed) with { Error = -22 }]);
        var b = Result([Dev("1.a", "/soc/a@1", DeviceState.Failed) with { Error = -5 }]);
        Assert.Equal(new FieldDelta("error", "-EINVAL", "-EIO"), Assert.Single(Assert.Single(DeviceComparer.Compare(a, b).Deltas).Fields));
    }

    [Fact]
    public void Renumbered_iommu_groups_with_the_same_members_are_equal_but_a_changed_membership_is_not()
    {
        var a = Result([Dev("1.a", "/soc/a@1") with { IommuGroup = 0 }, Dev("2.b", "/soc/b@2") with { IommuGroup = 1 }], [Group(0, "1.a"), Group(1, "2.b")]);
        var renumbered = Result([Dev("1.a", "/soc/a@1") with { IommuGroup = 5 }, Dev("2.b", "/soc/b@2") with { IommuGroup = 3 }], [Group(5, "1.a"), Group(3, "2.b")]);
        Assert.Empty(DeviceComparer.Compare(a, renumbered).Deltas);

        var shared = Result([Dev("1.a", "/soc/a@1") with { IommuGroup = 0 }, Dev("2.b", "/soc/b@2") with { IommuGroup = 0 }], [Group(0, "2.b", "1.a")]);
        var deltas = DeviceComparer.Compare(a, shared).Deltas;
        Assert.Equal(["1.a", "2.b"], deltas.Select(d => d.Device));
        Assert.Equal(new FieldDelta("iommuGroup", "{1.a}", "{1.a, 2.b}"), Assert.Single(deltas[0].Fields));
    }

    [Fact]
    public void Defer_reasons_are_compared_only_when_both_kernels_have_devices_deferred()
    {
        var a = Dev("1.a", "/soc/a@1", DeviceState.Deferred) with { DeferReason = "wait for supplier x" };
        var b = a with { DeferReason = "supplier 2.x not ready" };
        Assert.Empty(DeviceComparer.Compare(Result([a]), Result([b], devicesDeferred: true)).Deltas);
        var d = Assert.Single(DeviceComparer.Compare(Result([a], devicesDeferred: true), Result([b], devicesDeferred: true)).Deltas);
        Assert.Equal(new FieldDelta("deferReason", "wait for supplier x", "supplier 2.x not ready"), Assert.Single(d.Fields));
    }

    [Fact]
    public void Devices_are_paired_by_node_so_a_node_that_became_a_device_on_one_side_is_one_delta()
    {
        var a = Result([new DeviceOutcome { Name = "dma@2", OfNode = "/soc/dma@2", State = DeviceState.NotPresent }]);
        var b = Result([Dev("2.dma", "/soc/dma@2")]);
        var d = Assert.Single(DeviceComparer.Compare(a, b).Deltas);
        Assert.Equal("2.dma", d.Device);
        Assert.Equal(new FieldDelta("state", "not-present", "bound"), d.Fields[0]);
    }

    [Fact]
    public void A_device_on_one_side_only_is_reported_with_its_state()
    {
        var a = Result([Dev("1.a", "/soc/a@1")]);
        var b = Result([Dev("1.a", "/soc/a@1"), new DeviceOutcome { Name = "0000:00:00.0", State = DeviceState.NoDriver }]);
        var (compared, deltas) = DeviceComparer.Compare(a, b);
        Assert.Equal(2, compared);
        var d = Assert.Single(deltas);
        Assert.Equal("0000:00:00.0", d.Device);
        Assert.Equal(new FieldDelta("device", null, "no-driver"), Assert.Single(d.Fields));
    }

    [Fact]
    public void A_device_renamed_for_the_same_node_shows_its_name_change()
    {
        var a = Result([Dev("firmware:svc", "/firmware/svc")]);
        var b = Result([Dev("svc", "/firmware/svc")]);
        Assert.Equal(new FieldDelta("name", "firmware:svc", "svc"), Assert.Single(Assert.Single(DeviceComparer.Compare(a, b).Deltas).Fields));
    }
}
