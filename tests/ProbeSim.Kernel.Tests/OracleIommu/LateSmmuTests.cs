using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Tests.OracleIommu;

/// <summary>
/// Case <c>smmu-late</c> on the real Debian 6.1.192 arm64 kernel (docs/kernel/oracle-6.1-smmu-streams.md): QEMU virt with
/// virtio-rng-pci at 00:01.0 and virtio-blk-pci at 00:02.0 behind the SMMUv3's iommu-map, the built-in SMMUv3 driver kept out
/// (<c>initcall_blacklist=arm_smmu_driver_init</c>) and loaded as a module 14 s after /init. Snapshots: 3 s both functions
/// in devices_deferred (empty reasons); 13 s both bound by virtio-pci after "deferred probe timeout, ignoring dependency",
/// no groups; 16 s the SMMU bound, still no groups; then virtio-rng loaded at 17 s made 00:01.0 do DMA and the kernel logged
/// <c>arm-smmu-v3 9050000.smmuv3: event 0x02 received:</c> and <c>arm-smmu-v3 9050000.smmuv3: \t0x0000000800000002</c>
/// (C_BAD_STREAMID for StreamID 8). Source: 6.1.192 arm-smmu-v3.c:1415 (abort STEs when disable_bypass), 3457 (SMMUEN),
/// 1603 (arm_smmu_evtq_thread: "event 0x%02x received:").
/// </summary>
public class LateSmmuTests
{
    static readonly OracleCase Case = new("smmu-late");

    const string Modules = """
        drivers:
          - { compatible: pci1af4,1000, name: virtio-pci, bus: pci, pci-ids: ["1af4:*"], as: module, load-at: 0.2 }
          - { compatible: arm,smmu-v3, name: arm-smmu-v3, as: module, load-at: 14 }
        """;

    static BootResult At(double seconds)
    {
        var tree = Case.Tree();
        var options = new BootOptions
        {
            Profile = "debian-6.1", Drivers = OracleCase.Debian, Pci = Case.Pci(),
            StopAfterSeconds = seconds,
        }.WithScenario(ScenarioFile.Parse(Modules, "modules.yaml"), profileGiven: true);
        return options.Boot(tree, "smmu-late");
    }

    static DeviceOutcome Dev(BootResult r, string name) => r.Devices.Single(d => d.Name == name);

    [Fact]
    public void At_3_s_both_functions_wait_for_the_SMMU()
    {
        var r = At(3);
        Assert.Equal(new[] { "0000:00:01.0", "0000:00:02.0" }, r.DevicesDeferred!.Select(d => d.Device));
        Assert.Empty(r.IommuGroups);
    }

    [Fact]
    public void At_13_s_the_timeout_bound_them_without_the_IOMMU()
    {
        var r = At(13);
        Assert.Empty(r.DevicesDeferred!);
        foreach (var name in new[] { "0000:00:01.0", "0000:00:02.0" })
        {
            Assert.Equal("virtio-pci", Dev(r, name).Driver);
            Assert.Null(Dev(r, name).IommuGroup);
            Assert.Equal("no-iommu", Dev(r, name).Dma);
            Assert.Contains(r.Log, l => l.Text == $"virtio-pci {name}: deferred probe timeout, ignoring dependency");
        }
        Assert.Null(Dev(r, "9050000.smmuv3").Driver);
    }

    [Fact]
    public void Once_the_SMMU_is_enabled_their_DMA_is_aborted()
    {
        var r = At(16);
        Assert.Equal("arm-smmu-v3", Dev(r, "9050000.smmuv3").Driver);
        Assert.Empty(r.IommuGroups);
        var rng = Dev(r, "0000:00:01.0");
        Assert.Null(rng.IommuGroup);
        Assert.Equal("blocked", rng.Dma);
        Assert.Contains("arm-smmu-v3 9050000.smmuv3: event 0x02 received:", rng.DmaNote.Text());
        Assert.Contains("0x0000000800000002", rng.DmaNote.Text());
        Assert.DoesNotContain("never registered", rng.DmaNote.Text());
        Assert.Contains("0x0000001000000002", Dev(r, "0000:00:02.0").DmaNote.Text());
    }
}

/// <summary>PCI functions under the bundled imported driver sets (QEMU virt of the oracle case smmu-late).</summary>
public class ImportedSetPciTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Xen_pciback_never_takes_a_PCI_function_outside_dom0(bool trixie)
    {
        // the real kernel (case smmu-late, case pci-groups): virtio-pci binds 00:01.0 and 00:02.0. xen-pciback's table is
        // PCI_ANY_ID, but xen_pcibk_init returns -ENODEV unless xen_initial_domain() (6.1.192 pci_stub.c:1676, 6.12.118
        // pci_stub.c:1742), so it never registers
        var c = new OracleCase("smmu-late");
        var r = new BootOptions
        {
            Profile = trixie ? "debian-6.12" : "debian-6.1", Drivers = ProbeSim.Kernel.Tests.Boot.DebianBlobs.Tables(trixie),
            Pci = c.Pci(),
        }.Boot(c.Tree(), "smmu-late");
        Assert.Equal("virtio-pci", r.Devices.Single(d => d.Name == "0000:00:01.0").Driver);
        Assert.Equal("virtio-pci", r.Devices.Single(d => d.Name == "0000:00:02.0").Driver);
        Assert.DoesNotContain(r.Devices, d => d.Driver == "pciback");
    }
}
