using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>
/// of_iommu_configure per profile: spec driver-core-and-dma.md section 8.1 and scenarios S7, S8, S9, S12 on the T0 tree
/// (an SMMU and a DMA controller behind it).
/// </summary>
public class OfIommuScenarioTests
{
    internal static readonly string T0 = Sim.Soc("""
        smmu: iommu@1000000 { compatible = "acme,smmu"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; };
        dma0: dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; iommus = <&smmu 0x10>; };
        """);
    const string DmacFirst = "order: [acme-dmac, acme-smmu]\n";
    const string NoSmmu = "drivers:\n  - { compatible: acme,smmu, as: absent }\n";

    [Fact]
    public void S7_v6_6_dmac_defers_until_the_smmu_registers_then_joins_group_0()
    {
        var r = Sim.Boot(T0, DmacFirst);
        var dma = r.Dev("2000000.dma");
        Assert.Equal(DeviceState.Bound, dma.State);
        Assert.Equal(2, dma.ProbeAttempts);
        Assert.Equal(0, dma.IommuGroup);
        Assert.Equal("DMA", dma.DomainType);
        Assert.Equal("iommu-dma", dma.DmaOps);
        Assert.Equal("iommu", dma.Dma);
        Assert.Equal("kernel", dma.DmaOwner);
        Assert.True(r.Logged("acme-dmac 2000000.dma: Adding to iommu group 0"));
        // deferral through of_iommu records no reason (no dev_err_probe)
        Assert.Empty(r.DevicesDeferred!);
        Assert.Equal(1, r.IommuGroups.Single().OwnerCount);
    }

    [Fact]
    public void S7_smmu_registered_first_binds_at_the_first_attempt()
    {
        var r = Sim.Boot(T0);
        Assert.Equal(1, r.Dev("2000000.dma").ProbeAttempts);
        Assert.Equal(0, r.Dev("2000000.dma").IommuGroup);
    }

    [Fact]
    public void S7_v6_12_uses_the_core_dma_iommu_flag()
    {
        var r = Sim.Boot(T0, DmacFirst, profile: "v6.12");
        Assert.Equal("iommu-dma", r.Dev("2000000.dma").DmaOps);
        Assert.Equal(0, r.Dev("2000000.dma").IommuGroup);
    }

    [Fact]
    public void S8_v6_6_no_smmu_driver_binds_without_iommu_at_the_timeout()
    {
        var r = Sim.Boot(T0, NoSmmu);
        var dma = r.Dev("2000000.dma");
        Assert.Equal(DeviceState.Bound, dma.State);
        Assert.Null(dma.IommuGroup);
        Assert.Equal("direct", dma.DmaOps);
        Assert.Equal("no-iommu", dma.Dma);
        Assert.True(r.Logged("acme-dmac 2000000.dma: deferred probe timeout, ignoring dependency"));
        var t = r.Log.Single(l => l.Text == "acme-dmac 2000000.dma: deferred probe timeout, ignoring dependency").TimeUs;
        Assert.True(dma.BoundAtUs >= t);
    }

    [Fact]
    public void S8_v6_6_without_modules_binds_at_the_second_pass()
    {
        var r = Sim.Boot(T0, NoSmmu + "modules: false\n", stopAfter: 0);
        Assert.Equal(DeviceState.Bound, r.Dev("2000000.dma").State);
        Assert.True(r.Logged("acme-dmac 2000000.dma: ignoring dependency for device, assuming no driver"));
    }

    [Fact]
    public void S8_v6_6_timeout_minus_one_defers_forever_with_an_empty_reason()
    {
        var r = Sim.Boot(T0, NoSmmu, cmdline: "deferred_probe_timeout=-1");
        Assert.Equal(DeviceState.Deferred, r.Dev("2000000.dma").State);
        Assert.Equal("2000000.dma\t\n", r.DevicesDeferredText());
    }

    [Theory]
    [InlineData("v5.10", "acme-dmac 2000000.dma: deferred probe timeout, ignoring dependency")]
    [InlineData("v4.19", "acme-dmac 2000000.dma: ignoring dependency for device, assuming no driver")]
    public void S8_older_profiles_bind_at_the_second_pass(string profile, string line)
    {
        var r = Sim.Boot(T0, NoSmmu, profile: profile, stopAfter: 0);
        Assert.Equal(DeviceState.Bound, r.Dev("2000000.dma").State);
        Assert.True(r.Logged(line));
    }

    [Theory]
    [InlineData("v4.12")]
    [InlineData("v4.14")]
    public void S8_v4_12_binds_at_the_first_probe(string profile)
    {
        var r = Sim.Boot(T0, NoSmmu, profile: profile);
        Assert.Equal(1, r.Dev("2000000.dma").ProbeAttempts);
        Assert.Equal(DeviceState.Bound, r.Dev("2000000.dma").State);
        Assert.Equal("swiotlb", r.Dev("2000000.dma").DmaOps);
    }

    [Fact]
    public void S9_smmu_module_loaded_at_3s_brings_the_iommu()
    {
        var r = Sim.Boot(T0, "drivers:\n  - { compatible: acme,smmu, as: module, load-at: 3 }\n");
        Assert.Equal(0, r.Dev("2000000.dma").IommuGroup);
        Assert.Equal("iommu-dma", r.Dev("2000000.dma").DmaOps);
    }

    [Fact]
    public void S9_smmu_module_loaded_at_15s_is_too_late()
    {
        var r = Sim.Boot(T0, "drivers:\n  - { compatible: acme,smmu, as: module, load-at: 15 }\n");
        var dma = r.Dev("2000000.dma");
        Assert.Equal(DeviceState.Bound, dma.State);
        Assert.Null(dma.IommuGroup);
        Assert.Equal("direct", dma.DmaOps);
        Assert.Single(r.Iommus);
        Assert.Empty(r.Iommus[0].Devices);
    }

    [Fact]
    public void S9_v5_10_binds_without_iommu_at_the_second_pass()
    {
        var r = Sim.Boot(T0, "drivers:\n  - { compatible: acme,smmu, as: module, load-at: 3 }\n", profile: "v5.10");
        Assert.Null(r.Dev("2000000.dma").IommuGroup);
        Assert.Equal(DeviceState.Bound, r.Dev("2000000.dma").State);
    }

    [Fact]
    public void S12_smmu_probe_enodev_strict_fw_devlink_defers_forever()
    {
        const string smmuFails = "drivers:\n  - { compatible: acme,smmu, probe: {fail: ENODEV} }\n";
        var loose = Sim.Boot(T0, smmuFails);
        Assert.Equal(DeviceState.Bound, loose.Dev("2000000.dma").State);
        Assert.Null(loose.Dev("2000000.dma").IommuGroup);

        var strict = Sim.Boot(T0, smmuFails, cmdline: "fw_devlink.strict=1");
        Assert.Equal(DeviceState.Deferred, strict.Dev("2000000.dma").State);
        Assert.Equal("2000000.dma\tplatform: supplier 1000000.iommu not ready\n", strict.DevicesDeferredText());
    }

    [Fact]
    public void Registered_iommu_without_of_xlate_means_no_iommu()
    {
        var r = Sim.Boot(T0, "drivers:\n  - { compatible: acme,smmu, iommu: { of-xlate: false } }\n");
        Assert.Equal(DeviceState.Bound, r.Dev("2000000.dma").State);
        Assert.Equal(1, r.Dev("2000000.dma").ProbeAttempts);
        Assert.Null(r.Dev("2000000.dma").IommuGroup);
    }

    [Fact]
    public void Unresolvable_iommus_phandle_means_no_iommu()
    {
        var dts = Sim.Soc("""dma0: dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; iommus = <0x77 0x10>; };""");
        var r = Sim.Boot(dts);
        Assert.Equal(DeviceState.Bound, r.Dev("2000000.dma").State);
        Assert.Equal("no-iommu", r.Dev("2000000.dma").Dma);
    }
}
