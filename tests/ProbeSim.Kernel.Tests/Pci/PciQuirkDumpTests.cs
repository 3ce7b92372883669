using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciQuirkSupport;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>
/// What the quirks read from a sysfs dump's config space beyond the standard fields: subsystem IDs
/// (quirk_fixed_dma_alias), the LPC's RCBA (Intel PCH enable) and the Sunrise Point ACS control at +8.
/// </summary>
public class PciQuirkDumpTests
{
    private static PciTopology Load(string dir) => PciSysfsDump.Load(dir).Single().WithQuirks(Quirks());

    // quirks.c:4262-4265: the Adaptec 3405 is matched by its subsystem IDs, read from the header at 0x2c
    [Fact]
    public void Adaptec_subsystem_ids_come_from_the_header()
    {
        using var dir = new TempDir();
        var host = Path.Combine(dir.Path, "pci0000:00");
        var rp = Path.Combine(host, "0000:00:01.0");
        new PciConfigBuilder(4096, 0x1b36, 0x000c, 0x060400, 1).Buses(0, 1, 1).Pcie(0x4).Ext(0x0001, 0x48).Acs(0x1f, 0x1f).WriteTo(rp);
        new PciConfigBuilder(256, 0x9005, 0x0285, 0x010400, 0).U16(0x2c, 0x9005).U16(0x2e, 0x02bb).WriteTo(Path.Combine(rp, "0000:01:0e.0"));
        var t = Load(dir.Path);
        var raid = Get(t, "01:0e.0");
        Assert.Equal(((ushort)0x9005, (ushort)0x02bb), (raid.SubsystemVendorId, raid.SubsystemDeviceId));
        Assert.Equal(new[] { PciDevfn.Make(1, 0) }, raid.DmaAliasDevfns);
    }

    /// <summary>A Cougar Point root port (8086:1c10) with an endpoint, and the LPC at 1f.0 with RCBA <paramref name="rcba"/>.</summary>
    private static PciTopology Pch(TempDir dir, uint? rcba)
    {
        var host = Path.Combine(dir.Path, "pci0000:00");
        var rp = Path.Combine(host, "0000:00:1c.0");
        new PciConfigBuilder(256, 0x8086, 0x1c10, 0x060400, 1).Buses(0, 1, 1).Pcie(0x4).WriteTo(rp);
        new PciConfigBuilder(256, 0x8086, 0x10d3, 0x020000, 0).Pcie(0x0).WriteTo(Path.Combine(rp, "0000:01:00.0"));
        if (rcba is uint value)
            new PciConfigBuilder(256, 0x8086, 0x1c44, 0x060100, 0).U32(0xf0, value).WriteTo(Path.Combine(host, "0000:00:1f.0"));
        return Load(dir.Path);
    }

    // quirks.c:5173-5186 pci_quirk_enable_intel_lpc_acs: the enable workaround needs bit 0 of the LPC's RCBA (0xf0);
    // quirks.c:5245-5262 then flags the port, and pci_quirk_intel_pch_acs (4729-4739) isolates it
    [Fact]
    public void Intel_pch_enable_needs_the_lpcs_rcba()
    {
        using (var dir = new TempDir())
        {
            var t = Pch(dir, 0xfed1c001);
            Assert.Equal(0xfed1c001u, Get(t, "00:1f.0").IntelLpcRcba);
            Assert.Equal(["00:1c.0 01:00.0", "00:1f.0"], Groups(t));
            Assert.True(PciAcs.EnableAcs(Get(t, "00:1c.0")));
            Assert.Equal(PciDevFlags.AcsEnabledQuirk, Get(t, "00:1c.0").Flags);
            Assert.Equal(["00:1c.0", "00:1f.0", "01:00.0"], Groups(t));
        }
        using (var dir = new TempDir())
        {
            var t = Pch(dir, 0xfed1c000);
            Assert.False(PciAcs.EnableAcs(Get(t, "00:1c.0")));
            Assert.Equal(PciDevFlags.None, Get(t, "00:1c.0").Flags);
        }
        // nothing at 1f.0: the config read gives all ones, the enable bit included
        using (var dir = new TempDir())
            Assert.True(PciAcs.EnableAcs(Get(Pch(dir, null), "00:1c.0")));
    }

    // the flag set by EnableAcs survives seeing the hierarchy with other quirks
    [Fact]
    public void WithQuirks_keeps_what_enable_acs_did()
    {
        using var dir = new TempDir();
        var t = Pch(dir, 1);
        PciAcs.EnableAcs(Get(t, "00:1c.0"));
        var again = t.WithQuirks(Quirks("v6.6"));
        Assert.NotSame(t, again);
        Assert.Equal(PciDevFlags.AcsEnabledQuirk, Get(again, "00:1c.0").Flags);
        Assert.Same(t, t.WithQuirks(Quirks()));
    }

    // quirks.c:4849-4868: a Sunrise Point root port (8086:a110) is judged by the word at ACS+8
    [Theory]
    [InlineData(0x0000, false)]
    [InlineData(0x001d, true)]
    public void Intel_spt_control_register_at_acs_plus_8_is_read_from_the_dump(ushort ctrlAt8, bool isolated)
    {
        using var dir = new TempDir();
        var rp = Path.Combine(dir.Path, "pci0000:00", "0000:00:1c.0");
        // ACS: capability SV, RR, CR, UF (+4), nothing at +6, the real control at +8
        var b = new PciConfigBuilder(4096, 0x8086, 0xa110, 0x060400, 1).Buses(0, 1, 1).Pcie(0x4);
        b.Ext(0x000d, 12, at => { b.U16(at + 4, 0x001d); b.U16(at + 8, ctrlAt8); }).WriteTo(rp);
        new PciConfigBuilder(256, 0x8086, 0x10d3, 0x020000, 0).Pcie(0x0).WriteTo(Path.Combine(rp, "0000:01:00.0"));
        var t = Load(dir.Path);
        Assert.Equal((PciAcsFlags)ctrlAt8, Get(t, "00:1c.0").IntelSptAcsControl);
        Assert.Equal(PciAcsFlags.None, Get(t, "00:1c.0").Acs!.Value.Control);
        Assert.Equal(isolated ? new[] { "00:1c.0", "01:00.0" } : new[] { "00:1c.0 01:00.0" }, Groups(t));
    }
}
