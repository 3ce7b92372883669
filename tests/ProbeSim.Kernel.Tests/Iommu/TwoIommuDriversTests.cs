using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>iommu-core S9 / R2.3, R2.5, R2.6: two IOMMU drivers on the platform bus, per profile.</summary>
public class TwoIommuDriversTests
{
    static readonly string Dts = Sim.Soc("""
        iommu_a: iommu@1000000 { compatible = "acme,iommu-a"; reg = <0x1000000 0x1000>; #iommu-cells = <1>; };
        iommu_b: iommu@1100000 { compatible = "acme,iommu-b"; reg = <0x1100000 0x1000>; #iommu-cells = <1>; };
        ma: dma@2000000 { compatible = "acme,ma"; reg = <0x2000000 0x1000>; iommus = <&iommu_a 1>; };
        mb: dma@2100000 { compatible = "acme,mb"; reg = <0x2100000 0x1000>; iommus = <&iommu_b 1>; };
        """);

    [Fact]
    public void V5_10_second_driver_bus_set_iommu_fails_and_its_masters_get_no_group()
    {
        var r = Sim.Boot(Dts, profile: "v5.10");
        Assert.Equal(0, r.Dev("2000000.dma").IommuGroup);
        Assert.Null(r.Dev("2100000.dma").IommuGroup);
        Assert.Equal(DeviceState.Bound, r.Dev("1100000.iommu").State);
        Assert.Equal("direct", r.Dev("2100000.dma").DmaOps);
    }

    [Fact]
    public void V6_6_second_driver_cannot_register()
    {
        var r = Sim.Boot(Dts, profile: "v6.6");
        Assert.Equal(DeviceState.Failed, r.Dev("1100000.iommu").State);
        Assert.Equal(-16, r.Dev("1100000.iommu").Error);
        Assert.Null(r.Dev("2100000.dma").IommuGroup);
    }

    [Fact]
    public void V6_12_both_drivers_work_per_device()
    {
        var r = Sim.Boot(Dts, profile: "v6.12");
        Assert.Equal(0, r.Dev("2000000.dma").IommuGroup);
        Assert.Equal(1, r.Dev("2100000.dma").IommuGroup);
        Assert.Equal(2, r.Iommus.Count);
    }
}
