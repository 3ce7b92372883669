using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Tests.OracleX86;
using ProbeSim.Kernel.Tests.Pci;
using ProbeSim.Kernel.X86;
using static ProbeSim.Acpi.Tests.IvrsBytes;

namespace ProbeSim.Kernel.Tests.X86;

/// <summary>
/// amd-iommu's identity default domain for an IOMMUv2-capable device on the recorded q35 AMD machine (OracleX86/q35-amd),
/// with its virtio block function at 05:00.0 given ATS, PRI and PASID: amd_iommu_def_domain_type (6.1 amd/iommu.c:
/// 2437-2459) on the iommu_v2 flag iommu_init_device sets (iommu.c:396-405) from pci_iommuv2_capable (iommu.c:326-344)
/// and the IOMMU's is_iommu_v2 (GT and PPR, init.c:2101-2105). Where the machine's files do not give one of the two, the
/// group's type is marked a guess.
/// </summary>
public class AmdIommuV2Tests
{
    private const string Capable = "0000:05:00.0";
    private static readonly string Machine = Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "OracleX86", "q35-amd", "machine");
    private static readonly string EndpointDir = Path.Combine("pci", "sys", "devices", "pci0000:00", "0000:00:03.0", "0000:02:00.0", "0000:03:01.0", "0000:05:00.0");

    // a PCIe endpoint (virtio-blk's ids) with PCI_EXT_CAP_ID_ATS (0x0f), _PRI (0x13) and _PASID (0x1b)
    private static byte[] CapableEndpoint() =>
        new PciConfigBuilder(4096, 0x1af4, 0x1042, 0x010000, 0).Pcie(0x0).Ext(0x000f, 8).Ext(0x0013, 16).Ext(0x001b, 8).Bytes;

    // FEATURE_PPR (bit 1), FEATURE_GT (bit 4), IOMMU_EFR_GASUP (bit 7) (amd_iommu_types.h)
    private const ulong GtPprGaSup = 1UL << 1 | 1UL << 4 | 1UL << 7;

    // the recorded IVRS's IVHD (type 10h at offset 0x30, length 0x78, IOMMU 00:01.0, capability at 0x40, MMIO 0xfed80000,
    // IVHD info 0, feature 0x44) with its device entries, as a type 11h block with an EFR image and IVinfo EFRSup (bit 0)
    private static byte[] IvrsType11(ulong efr)
    {
        var recorded = File.ReadAllBytes(Path.Combine(Machine, "tables", "IVRS"));
        var entries = recorded[0x48..(0x30 + 0x78)];
        var ivhd = Ivhd(0x11, recorded[0x31], 0x0008, 0x40, 0xfed80000, 0, 0, 0x44, efr, 0, entries);
        return Table(0x00002801).Bytes(ivhd).Build();
    }

    private static BootResult Boot(byte[] endpointConfig, byte[]? ivrs = null)
    {
        using var dir = new PciTestSupport.TempDir();
        Copy(Machine, dir.Path);
        File.WriteAllBytes(Path.Combine(dir.Path, EndpointDir, "config"), endpointConfig);
        if (ivrs is not null) File.WriteAllBytes(Path.Combine(dir.Path, "tables", "IVRS"), ivrs);
        var options = new BootOptions { Profile = "debian-6.1", X86 = X86MachineInputs.Load(dir.Path, OracleX86Tests.DebianAmd64) };
        return options.Boot(new DtTree(), "q35-amd");
    }

    private static void Copy(string from, string to)
    {
        foreach (var d in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
    }

    private static IommuGroupOutcome GroupOf(BootResult r, string dev) => r.IommuGroups.Single(g => g.Devices.Contains(dev));

    [Fact]
    public void A_capable_device_behind_an_iommu_v2_from_the_ivhd_is_identity_mapped()
    {
        var g = GroupOf(Boot(CapableEndpoint(), IvrsType11(GtPprGaSup)), Capable);
        Assert.Equal("identity", g.Type);
        Assert.Equal(IommuTypeGuess.None, g.TypeGuess);
    }

    [Fact]
    public void Without_gt_and_ppr_in_the_ivhd_efr_the_device_gets_the_default_type()
    {
        // GT alone is not an IOMMUv2 (init.c:2101-2102); the machine's default is DMA (NpCache: strict, as the oracle saw)
        var g = GroupOf(Boot(CapableEndpoint(), IvrsType11(1UL << 4 | 1UL << 7)), Capable);
        Assert.Equal("DMA", g.Type);
        Assert.Equal(IommuTypeGuess.None, g.TypeGuess);
    }

    [Fact]
    public void An_iommu_whose_features_are_only_in_mmio_makes_a_capable_devices_type_a_guess()
    {
        // QEMU's type 10h IVHD has no EFR image: is_iommu_v2 comes from MMIO_EXT_FEATURES (late_iommu_features_init,
        // init.c:2024-2039), which the machine's files do not carry
        var r = Boot(CapableEndpoint());
        var g = GroupOf(r, Capable);
        Assert.Equal("DMA", g.Type);
        Assert.Equal(IommuTypeGuess.AmdV2EfrUnread, g.TypeGuess);
        Assert.Equal(IommuTypeGuess.AmdV2EfrUnread, r.Devices.Single(d => d.Name == Capable).DomainTypeGuess);
        // a group of devices without the capabilities is not a guess (q35's e1000 at 00:05.0 is conventional PCI)
        Assert.Equal(IommuTypeGuess.None, GroupOf(r, "0000:00:05.0").TypeGuess);
    }

    [Fact]
    public void A_pcie_function_dumped_without_its_extended_space_makes_the_type_a_guess()
    {
        // pci_cfg_space_size: a PCIe function has 4096 bytes; 256 of them do not say whether ATS, PRI and PASID are there
        var g = GroupOf(Boot(CapableEndpoint()[..256], IvrsType11(GtPprGaSup)), Capable);
        Assert.Equal("DMA", g.Type);
        Assert.Equal(IommuTypeGuess.AmdV2DeviceCapsUnread, g.TypeGuess);
    }

    [Fact]
    public void The_recorded_machine_has_no_guess()
    {
        // its PCIe functions were dumped whole and have none of the three capabilities
        Assert.All(Boot(File.ReadAllBytes(Path.Combine(Machine, EndpointDir, "config"))).IommuGroups, g => Assert.Equal(IommuTypeGuess.None, g.TypeGuess));
    }
}
