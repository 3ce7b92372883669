using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Pci.Quirks;
using ProbeSim.Kernel.Profiles;
using static ProbeSim.Kernel.Tests.Pci.PciQuirkSupport;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>The quirk groups as profile data, and the devices the oracle machines have, which no quirk may touch.</summary>
public class PciQuirkProfileTests
{
    public static TheoryData<string> Profiles() => new(ProfileLibrary.Default.Profiles.Select(p => p.Name));

    // QEMU's devices in the oracle cases (docs/kernel/oracle-6.1-iommu.md): the real 6.1.192 kernel groups ICH9's
    // 00:1f.0/.2/.3 together and ioh3420's endpoint with its root port, so no quirk may answer for any of them (they
    // have no Intel RCiEP: one would be pci_quirk_rciep_acs's from v5.10)
    [Theory]
    [MemberData(nameof(Profiles))]
    public void No_quirk_touches_the_oracle_machines_devices(string profile)
    {
        const string yaml = """
            pci:
              devices:
                - { slot: 00.0, id: "1b36:0008", class: 0x060000 }
                - { slot: 01.0, id: "1af4:1000", type: pci }
                - { slot: 02.0, id: "1b36:000c", type: root-port, below: [{ slot: 00.0, id: "8086:10d3" }] }
                - { slot: 03.0, id: "8086:3420", type: root-port, below: [{ slot: 00.0, id: "1af4:1041" }, { slot: 00.1, id: "1af4:1042" }] }
                - { slot: 04.0, id: "1b36:000c", type: root-port, below: [{ slot: 00.0, id: "1b36:000e", type: pcie-to-pci-bridge, below: [{ slot: 01.0, id: "8086:100e" }, { slot: 02.0, id: "1b36:0001", type: pci-bridge }] }] }
                - slot: 05.0
                  id: "1b36:000c"
                  type: root-port
                  below:
                    - slot: 00.0
                      id: "104c:8232"
                      type: upstream-port
                      below: [{ slot: 00.0, id: "104c:8233", type: downstream-port }, { slot: 01.0, id: "104c:8233", type: downstream-port }]
                - { slot: 06.0, id: "8086:29c0", class: 0x060000 }
                - { slot: 1f.0, id: "8086:2918", type: pci }
                - { slot: 1f.2, id: "8086:2922", type: pci }
                - { slot: 1f.3, id: "8086:2930", type: pci }
            """;
        var t = Quirked(yaml, profile);
        foreach (var f in t.Functions)
        {
            foreach (var flags in new[] { PciAcs.ReqAcsFlags, PciAcsFlags.RR | PciAcsFlags.CR, PciAcsFlags.SV })
                Assert.True(PciAcs.DevSpecificAcsEnabled(f, flags) is null, $"{profile}: a quirk answers for {f} ({f.VendorId:x4}:{f.DeviceId:x4})");
            Assert.Empty(f.DmaAliasDevfns);
            Assert.Equal(PciDevFlags.None, f.Flags);
        }
    }

    // docs/kernel/oracle-6.1-iommu.md section 9 (q35 + intel-iommu on 6.1.192): the groups the real kernel made, with
    // Debian 6.1's quirks in force
    [Fact]
    public void Q35_groups_as_the_real_kernel_made_them()
    {
        const string yaml = """
            pci:
              devices:
                - { slot: 00.0, id: "8086:29c0", class: 0x060000 }
                - { slot: 02.0, id: "1af4:1000", class: 0x020000, type: pci }
                - { slot: 03.0, id: "1b36:000c", type: root-port, acs-cap: 0x005f, acs-ctrl: 0x001d, below: [{ slot: 00.0, id: "8086:10d3", class: 0x020000 }] }
                - { slot: 04.0, id: "8086:3420", type: root-port, below: [{ slot: 00.0, id: "1af4:1042", class: 0x010000 }] }
                - slot: 05.0
                  id: "1b36:000c"
                  type: root-port
                  acs-cap: 0x005f
                  acs-ctrl: 0x001d
                  below:
                    - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
                    - { slot: 00.1, id: "1af4:1042", class: 0x010000 }
                - slot: 06.0
                  id: "1b36:000c"
                  type: root-port
                  acs-cap: 0x005f
                  acs-ctrl: 0x001d
                  below:
                    - slot: 00.0
                      id: "104c:8232"
                      type: upstream-port
                      below:
                        - { slot: 00.0, id: "104c:8233", type: downstream-port, below: [{ slot: 00.0, id: "1af4:1041", class: 0x020000 }] }
                        - { slot: 01.0, id: "104c:8233", type: downstream-port }
                - { slot: 1f.0, id: "8086:2918", class: 0x060100, type: pci }
                - { slot: 1f.2, id: "8086:2922", class: 0x010601, type: pci }
                - { slot: 1f.3, id: "8086:2930", class: 0x0c0500, type: pci }
            """;
        Assert.Equal(
            ["00:00.0", "00:02.0", "00:03.0", "00:04.0 02:00.0", "00:05.0", "00:06.0", "00:1f.0 00:1f.2 00:1f.3",
             "01:00.0", "03:00.0 03:00.1", "04:00.0", "05:00.0 06:00.0", "05:01.0"],
            Groups(Quirked(yaml)));
    }

    // 6.1.192 and 6.12.118 have the same table (quirks.c:4951-5116 and 5072-5237): every group but the old Cavium forms
    [Fact]
    public void Debian_6_1_has_every_group_but_the_old_cavium_forms()
    {
        var q = Quirks("debian-6.1");
        Assert.Equal(AcsQuirkTable.Groups.Except(["cavium-all", "cavium-a000-a0ff"]), q.AcsGroups);
        Assert.Equal(DmaAliasQuirkTable.Groups, q.DmaAliasGroups);
        Assert.False(q.AcpiIvrs);
        // v6.18 (6.18.2) lacks only the Hamoa and Glymur root ports, stable added them after it
        Assert.Equal(q.AcsGroups.Except(["qcom-hamoa-glymur-rp"]), Quirks("v6.18").AcsGroups);
        Assert.Equal(q.DmaAliasGroups, Quirks("v6.18").DmaAliasGroups);
    }

    // pci_quirk_cavium_acs is one table entry (quirks.c:5035) whose function changed: one form per profile from v4.11
    [Theory]
    [MemberData(nameof(Profiles))]
    public void Each_profile_has_at_most_one_form_of_the_cavium_quirk(string profile)
    {
        var forms = Quirks(profile).AcsEntries.Count(e => e.Vendor == 0x177d && e.Devices is null);
        Assert.Equal(profile is "v4.2" or "v4.4" ? 0 : 1, forms);
    }

    // first read in 5.10.7 (absent from 5.4.6): quirks.c:5017 pci_quirk_rciep_acs
    [Fact]
    public void Releases_add_groups()
    {
        Assert.DoesNotContain("intel-rciep", Quirks("v5.4").AcsGroups);
        Assert.Contains("intel-rciep", Quirks("v5.10").AcsGroups);
        Assert.Equal(["amd-sb", "solarflare-mf", "intel-nic-mf", "intel-pch-rp", "emulex-mf"], Quirks("v4.2").AcsGroups);
    }

    [Fact]
    public void An_unknown_group_is_an_error_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new PciQuirkSet(["no-such-group"], []));
        Assert.Contains("'no-such-group'", e.Message);
        Assert.Throws<ProfileException>(() => ProfileLibrary.Default.Get("v6.1").With([KeyValuePair.Create("pci_acs_quirks", "+no-such-group")]));
    }

    [Fact]
    public void A_bare_description_has_no_kernel_quirks()
    {
        var t = Yaml("pci:\n  devices:\n    - { slot: 00.0, id: \"1b4b:9123\" }\n");
        Assert.Same(PciQuirkSet.None, t.Quirks);
        Assert.Empty(t.RootBusFunctions[0].DmaAliasDevfns);
        Assert.Same(t, t.WithQuirks(PciQuirkSet.None));
    }
}
