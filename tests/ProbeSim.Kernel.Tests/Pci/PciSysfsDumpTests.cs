using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>The sysfs config-file dump reader, on dumps written by the tests.</summary>
public class PciSysfsDumpTests
{
    /// <summary>
    /// host bridge 00:00.0 (256 bytes, conventional), root port 00:01.0 (4 KiB, PCIe, ACS cap 0x1f ctrl 0x1d) with a
    /// two-function endpoint below (01:00.0 4 KiB with AER and ACS, 01:00.1 only the 64 bytes a non-root reader gets).
    /// </summary>
    private static void WriteMachine(string hostDir)
    {
        new PciConfigBuilder(256, 0x1b36, 0x0008, 0x060000, 0).WriteTo(Path.Combine(hostDir, "0000:00:00.0"));
        var rp = Path.Combine(hostDir, "0000:00:01.0");
        new PciConfigBuilder(4096, 0x1b36, 0x000c, 0x060400, 1).Buses(0, 1, 1).Cap(0x01).Pcie(0x4).Cap(0x05)
            .Ext(0x0001, 0x48).Acs(0x1f, 0x1d).WriteTo(rp);
        new PciConfigBuilder(4096, 0x8086, 0x10c9, 0x020000, 0, multifunction: true).Cap(0x01).Pcie(0x0)
            .Ext(0x0001, 0x48).Acs(0x0048, 0x0000).WriteTo(Path.Combine(rp, "0000:01:00.0"));
        var fn1 = new PciConfigBuilder(4096, 0x8086, 0x10c9, 0x020000, 0).Cap(0x01).Pcie(0x0);
        Directory.CreateDirectory(Path.Combine(rp, "0000:01:00.1"));
        File.WriteAllBytes(Path.Combine(rp, "0000:01:00.1", "config"), fn1.Bytes[..64]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sys")]
    [InlineData("sys/devices")]
    [InlineData("sys/devices/pci0000:00")]
    public void Load_FromAnyLevel(string sub)
    {
        using var dir = new TempDir();
        WriteMachine(Path.Combine(dir.Path, "sys/devices/pci0000:00"));
        var dump = PciSysfsDump.Load(Path.Combine(dir.Path, sub), allowPartial: true);
        var t = dump.Single();
        Assert.Equal(["00:00.0", "00:01.0", "01:00.0", "01:00.1"], Names(t.AddOrder()));
        Assert.Equal("/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.1", Get(t, "01:00.1").SysfsPath);
    }

    [Fact]
    public void DecodesIdsTypesAcsAndBuses()
    {
        using var dir = new TempDir();
        WriteMachine(Path.Combine(dir.Path, "sys/devices/pci0000:00"));
        var dump = PciSysfsDump.Load(dir.Path, allowPartial: true);
        var t = dump.Single();

        var host = Get(t, "00:00.0");
        Assert.Equal((PciDeviceKind.HostBridge, (ushort)0x1b36, (ushort)0x0008, 0x060000u), (host.Kind, host.VendorId, host.DeviceId, host.ClassCode));
        Assert.Null(host.Acs);

        var rp = Get(t, "00:01.0");
        Assert.Equal(PciDeviceKind.RootPort, rp.Kind);
        Assert.Equal((byte?)1, rp.SecondaryBus);
        Assert.Equal((byte?)1, rp.SubordinateBus);
        Assert.Equal(new PciAcsCapability((PciAcsFlags)0x1f, (PciAcsFlags)0x1d), rp.Acs);
        Assert.True(PciAcs.AcsEnabled(rp, PciAcs.ReqAcsFlags));
        Assert.True(rp.PcieportBinds);

        var ep0 = Get(t, "01:00.0");
        Assert.Equal(PciDeviceKind.Endpoint, ep0.Kind);
        Assert.True(ep0.Multifunction);
        Assert.Equal(new PciAcsCapability(PciAcsFlags.CR | PciAcsFlags.DT, PciAcsFlags.None), ep0.Acs);

        // 64 bytes: no capability can be read, so no PCIe type; the function bit still makes it multifunction
        var ep1 = Get(t, "01:00.1");
        Assert.Equal(PciDeviceKind.Pci, ep1.Kind);
        Assert.True(ep1.Multifunction);
        Assert.Contains(dump.Warnings, w => w.Contains("0000:01:00.1", StringComparison.Ordinal) && w.Contains("beyond the 64 bytes", StringComparison.Ordinal));
        Assert.All(dump.Warnings, w => Assert.Contains("0000:01:00.1/config: warning: ", w.Replace('\\', '/'), StringComparison.Ordinal));

        Assert.Equal(["00:00.0", "00:01.0", "01:00.0 01:00.1"], Groups(t));
    }

    [Fact]
    public void PlatformHost_KeepsItsSysfsParent()
    {
        using var dir = new TempDir();
        WriteMachine(Path.Combine(dir.Path, "sys/devices/platform/4010000000.pcie/pci0000:00"));
        var t = PciSysfsDump.Load(dir.Path, allowPartial: true).Single();
        Assert.Equal("/sys/devices/platform/4010000000.pcie", t.HostSysfsParent);
        Assert.Equal("/sys/devices/platform/4010000000.pcie/pci0000:00/0000:00:01.0/0000:01:00.0", Get(t, "01:00.0").SysfsPath);
    }

    [Fact]
    public void SeveralHosts_OrderedByDomain()
    {
        using var dir = new TempDir();
        new PciConfigBuilder(256, 0x1b36, 0x0008, 0x060000, 0).WriteTo(Path.Combine(dir.Path, "sys/devices/pci0001:00/0001:00:00.0"));
        new PciConfigBuilder(256, 0x1b36, 0x0008, 0x060000, 0).WriteTo(Path.Combine(dir.Path, "sys/devices/pci0000:00/0000:00:00.0"));
        var dump = PciSysfsDump.Load(dir.Path);
        Assert.Equal([0, 1], dump.Hosts.Select(h => h.Domain));
        var e = Assert.Throws<PciTopologyException>(() => dump.Single());
        Assert.Equal($"{dir.Path}: error: the dump holds 2 PCI host bridges (pci0000:00, pci0001:00); give the directory of one of them", e.Message);
    }

    [Fact]
    public void ConventionalBridgeChain_FromDump()
    {
        using var dir = new TempDir();
        var host = Path.Combine(dir.Path, "pci0000:00");
        var rp = Path.Combine(host, "0000:00:02.0");
        new PciConfigBuilder(4096, 0x1b36, 0x000c, 0x060400, 1).Buses(0, 1, 3).Pcie(0x4).Acs(0x1f, 0x1f).WriteTo(rp);
        var br = Path.Combine(rp, "0000:01:00.0");
        new PciConfigBuilder(256, 0x1b36, 0x000e, 0x060400, 1).Buses(1, 2, 3).Pcie(0x7).WriteTo(br);
        new PciConfigBuilder(256, 0x8086, 0x100e, 0x020000, 0).WriteTo(Path.Combine(br, "0000:02:00.0"));
        var pb = Path.Combine(br, "0000:02:02.0");
        new PciConfigBuilder(256, 0x1b36, 0x0001, 0x060400, 1).Buses(2, 3, 3).WriteTo(pb);
        new PciConfigBuilder(256, 0x8086, 0x100e, 0x020000, 0).WriteTo(Path.Combine(pb, "0000:03:00.0"));

        var t = PciSysfsDump.Load(host).Single();
        Assert.Equal(PciDeviceKind.PcieToPciBridge, Get(t, "01:00.0").Kind);
        Assert.Equal(PciDeviceKind.PciBridge, Get(t, "02:02.0").Kind);
        Assert.Equal(new ushort[] { 0x0300, 0x0210, 0x0200 }, Get(t, "03:00.0").DmaAliases().Select(a => a.Rid));
        Assert.Equal(["00:02.0", "01:00.0 02:00.0 02:02.0 03:00.0"], Groups(t));
    }

    private static PciTopologyException DumpError(Action<string> write)
    {
        using var dir = new TempDir();
        write(Path.Combine(dir.Path, "sys/devices/pci0000:00"));
        return Assert.Throws<PciTopologyException>(() => PciSysfsDump.Load(dir.Path));
    }

    [Fact]
    public void ShortFile_IsAnErrorNamingFileAndSize()
    {
        var e = DumpError(h =>
        {
            Directory.CreateDirectory(Path.Combine(h, "0000:00:00.0"));
            File.WriteAllBytes(Path.Combine(h, "0000:00:00.0", "config"), new byte[40]);
        });
        Assert.EndsWith("0000:00:00.0/config", e.File.Replace('\\', '/'), StringComparison.Ordinal);
        Assert.Equal(40, e.Offset);
        Assert.Contains("40 bytes", e.Reason, StringComparison.Ordinal);
        Assert.Contains(": offset 0x28: error: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CapabilityLoop_IsAnErrorNotAHang()
    {
        var e = DumpError(h =>
        {
            var b = new PciConfigBuilder(256, 0x1b36, 0x0001, 0x020000, 0).Cap(0x01).Cap(0x05);
            b.Bytes[0x49] = 0x40; // second capability points back to the first
            b.WriteTo(Path.Combine(h, "0000:00:00.0"));
        });
        Assert.Equal(0x49, e.Offset);
        Assert.Contains("loops back to offset 0x40", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtendedCapabilityLoop_IsAnError()
    {
        var e = DumpError(h =>
        {
            var b = new PciConfigBuilder(4096, 0x1b36, 0x0001, 0x020000, 0).Pcie(0).Ext(0x0001, 0x48).Ext(0x000b, 0x10);
            b.U32(0x148, b.Bytes[0x148] | 0x100u << 20); // the second points back to 0x100
            b.WriteTo(Path.Combine(h, "0000:00:00.0"));
        });
        Assert.Contains("extended capability list loops back to offset 0x100", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReservedPcieType_IsAnError()
    {
        var e = DumpError(h => new PciConfigBuilder(256, 0x1b36, 0x0001, 0x020000, 0).Pcie(0x3).WriteTo(Path.Combine(h, "0000:00:00.0")));
        Assert.Equal(0x42, e.Offset);
    }

    [Fact]
    public void NameDisagreeingWithBridgeNumbers_IsAnError()
    {
        var e = DumpError(h =>
        {
            var rp = Path.Combine(h, "0000:00:01.0");
            new PciConfigBuilder(4096, 0x1b36, 0x000c, 0x060400, 1).Buses(0, 2, 2).Pcie(0x4).WriteTo(rp);
            new PciConfigBuilder(256, 0x8086, 0x10d3, 0x020000, 0).WriteTo(Path.Combine(rp, "0000:01:00.0"));
        });
        Assert.Contains("named for bus 01 but the bridge numbering puts it on bus 02", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NoHostDirectory_IsAnError()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<PciTopologyException>(() => PciSysfsDump.Load(dir.Path));
        Assert.Contains("no PCI host bridge directory", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigSpace_CardBusUsesItsOwnCapabilityPointer()
    {
        var b = new PciConfigBuilder(256, 0x104c, 0xac56, 0x060700, 2).Buses(0, 1, 4).Cap(0x01);
        var cfg = PciConfigSpace.Decode(b.Bytes, "cb");
        Assert.Equal(PciHeaderType.CardBus, cfg.HeaderType);
        Assert.Equal([(0x01, 0x40)], cfg.Capabilities.Select(c => ((int)c.Id, c.Offset)));
        Assert.Equal(((byte)0, (byte)1, (byte)4), cfg.BusNumbers);
    }
}
