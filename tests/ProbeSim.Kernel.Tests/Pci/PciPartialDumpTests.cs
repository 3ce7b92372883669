using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>
/// sysfs gives a non-root reader only the first 64 bytes of a function's config space (128 for CardBus;
/// drivers/pci/pci-sysfs.c, pci_read_config), root the whole of it: 256 bytes, or 4096 with extended space
/// (dev->cfg_size). A dump copied without root therefore has no capabilities, so no port type and no ACS, and every
/// port would fail to bind; such a dump is an error unless partial data is asked for.
/// </summary>
public class PciPartialDumpTests
{
    private static void WriteRootPortAndEndpoint(string hostDir, int size)
    {
        var rp = Path.Combine(hostDir, "0000:00:01.0");
        var rpCfg = new PciConfigBuilder(4096, 0x1b36, 0x000c, 0x060400, 1).Buses(0, 1, 1).Pcie(0x4).Ext(0x0001, 0x48).Acs(0x1f, 0x1d);
        var epCfg = new PciConfigBuilder(4096, 0x8086, 0x10d3, 0x020000, 0).Pcie(0x0);
        Directory.CreateDirectory(Path.Combine(rp, "0000:01:00.0"));
        File.WriteAllBytes(Path.Combine(rp, "config"), rpCfg.Bytes[..size]);
        File.WriteAllBytes(Path.Combine(rp, "0000:01:00.0", "config"), epCfg.Bytes[..size]);
    }

    [Fact]
    public void A_dump_copied_without_root_is_an_error_that_says_why_and_how()
    {
        using var dir = new TempDir();
        WriteRootPortAndEndpoint(Path.Combine(dir.Path, "pci0000:00"), 64);
        var e = Assert.Throws<PciTopologyException>(() => PciSysfsDump.Load(dir.Path));
        var config = Path.Combine(dir.Path, "pci0000:00", "0000:00:01.0", "config");
        Assert.Equal(config, e.File);
        Assert.Equal(
            $"{config}: error: config space is 64 bytes, not 256 or 4096: reading sysfs config without root gives only the first 64 bytes "
            + "(128 for CardBus), so the capabilities that give PCIe port types and ACS are missing; copy the dump as root "
            + "(docs/pci-topology.md), or accept the partial data with --pci-allow-partial (2 of the dump's 2 config files are partial)",
            e.Message);
    }

    [Fact]
    public void A_file_cut_elsewhere_is_an_error_too()
    {
        using var dir = new TempDir();
        WriteRootPortAndEndpoint(Path.Combine(dir.Path, "pci0000:00"), 1000);
        var e = Assert.Throws<PciTopologyException>(() => PciSysfsDump.Load(dir.Path));
        Assert.Contains("config space is 1000 bytes, not 256 or 4096: the file was not copied whole", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_file_longer_than_a_config_space_is_an_error()
    {
        using var dir = new TempDir();
        var f = Path.Combine(dir.Path, "pci0000:00", "0000:00:00.0");
        new PciConfigBuilder(256, 0x1b36, 0x0008, 0x060000, 0).WriteTo(f);
        File.WriteAllBytes(Path.Combine(f, "config"), new byte[8192]);
        var e = Assert.Throws<PciTopologyException>(() => PciSysfsDump.Load(dir.Path));
        Assert.Contains("longer than 4096 bytes", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_data_asked_for_is_read_and_each_file_reported()
    {
        using var dir = new TempDir();
        WriteRootPortAndEndpoint(Path.Combine(dir.Path, "pci0000:00"), 64);
        var dump = PciSysfsDump.Load(dir.Path, allowPartial: true);
        var rp = Get(dump.Single(), "00:01.0");
        Assert.Null(rp.PcieType);
        Assert.False(rp.PcieportBinds);
        var rpConfig = Path.Combine(dir.Path, "pci0000:00", "0000:00:01.0", "config");
        var epConfig = Path.Combine(dir.Path, "pci0000:00", "0000:00:01.0", "0000:01:00.0", "config");
        Assert.Equal(
        [
            $"{rpConfig}: warning: config space is 64 bytes, not 256 or 4096: what lies beyond is taken as absent",
            $"{rpConfig}: warning: capability at 0x40 lies beyond the 64 bytes read",
            $"{epConfig}: warning: config space is 64 bytes, not 256 or 4096: what lies beyond is taken as absent",
            $"{epConfig}: warning: capability at 0x40 lies beyond the 64 bytes read",
        ], dump.Warnings);
    }

    [Fact]
    public void Whole_config_spaces_give_no_warning()
    {
        using var dir = new TempDir();
        WriteRootPortAndEndpoint(Path.Combine(dir.Path, "pci0000:00"), 4096);
        var dump = PciSysfsDump.Load(dir.Path);
        Assert.Empty(dump.Warnings);
        Assert.True(Get(dump.Single(), "00:01.0").PcieportBinds);
    }
}
