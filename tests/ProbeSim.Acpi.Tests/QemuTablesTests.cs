using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Ivrs;

namespace ProbeSim.Acpi.Tests;

/// <summary>QEMU's q35 DMAR and IVRS parse to what iasl printed for them.</summary>
public class QemuTablesTests
{
    [Fact]
    public void Qemu_q35_dmar()
    {
        var dmar = DmarParser.Parse(QemuTables.Dmar);
        Assert.Equal(120u, dmar.Header.Length);
        Assert.Equal(0x15, dmar.Header.Checksum);
        Assert.True(dmar.Header.ChecksumValid);
        Assert.Equal("BOCHS ", dmar.Header.OemId);
        Assert.Equal("BXPC    ", dmar.Header.OemTableId);
        Assert.Equal(39, dmar.HostAddressWidth);
        Assert.Equal(DmarFlags.IntrRemap, dmar.Flags);
        var d = Assert.Single(dmar.Drhds);
        Assert.False(d.IncludePciAll);
        Assert.Equal(0xfed90000UL, d.RegisterBase);
        Assert.Equal(DeviceScopeType.IoApic, d.Scopes[0].Type);
        Assert.Equal(0xff, d.Scopes[0].StartBus);
        Assert.Equal(["00:00.0", "00:01.0", "00:1f.0", "00:1f.2", "00:1f.3"],
            d.Scopes.Where(s => s.Type == DeviceScopeType.PciEndpoint).Select(s => s.DirectBdf));
        var a = Assert.Single(dmar.Atsrs);
        Assert.Equal(0x70, a.Offset);
        Assert.True(a.AllPorts);
        Assert.Empty(dmar.Warnings);
        Assert.Null(dmar.Rejection);
    }

    [Fact]
    public void Qemu_q35_ivrs()
    {
        var ivrs = IvrsParser.Parse(QemuTables.Ivrs);
        Assert.Equal(104u, ivrs.Header.Length);
        Assert.Equal(0x43, ivrs.Header.Checksum);
        Assert.Equal(0x2800u, ivrs.IvInfo.Raw);
        Assert.Equal(40, ivrs.IvInfo.PhysicalAddressSize);
        var h = Assert.Single(ivrs.Ivhds);
        Assert.Equal(0x10, h.Type);
        Assert.Equal(0xd1, h.Flags);
        Assert.Equal(0x38, h.Length);
        Assert.Equal(0x0010, h.DeviceId);
        Assert.Equal(0x40, h.CapabilityOffset);
        Assert.Equal(0xfed80000UL, h.BaseAddress);
        Assert.Equal(0x44u, h.FeatureReporting);
        Assert.Equal([0x00, 0x08, 0x10, 0xf8, 0xfa, 0xfb], h.Entries.OfType<IvhdSelectEntry>().Select(e => (int)e.DeviceId));
        var s = Assert.IsType<IvhdSpecialEntry>(h.Entries[^1]);
        Assert.Equal(0x60, s.Offset);
        Assert.Equal(IvhdSpecialVariety.IoApic, s.Variety);
        Assert.Equal(0, s.Handle);
        Assert.Equal(0xa0, s.SourceId);
        Assert.Equal(0xfb, h.LastDeviceId);
        Assert.Equal((byte)0x10, ivrs.TargetIvhdType);
        Assert.Empty(ivrs.Warnings);
        Assert.Null(ivrs.Rejection);
    }
}
