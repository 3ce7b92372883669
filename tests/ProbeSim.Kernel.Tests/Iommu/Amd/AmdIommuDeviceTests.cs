using ProbeSim.Kernel.Iommu.Amd;
using static ProbeSim.Kernel.Tests.Iommu.Amd.AmdIvrs;

namespace ProbeSim.Kernel.Tests.Iommu.Amd;

/// <summary>
/// Linux 6.1's per-device decisions: check_device, amd_iommu_probe_device, setup_aliases / clone_aliases and
/// amd_iommu_def_domain_type. "iommu.c" and "init.c" are drivers/iommu/amd/ of linux-source-6.1.
/// </summary>
public class AmdIommuDeviceTests
{
    // 00:00.2 is the IOMMU; it translates 00:01.0, 00:14.0 and 00:18.0; 00:14.3 is seen as 01:00.0 (an alias above last_bdf)
    private static readonly AmdIommuTables Tables = Good(Parse(Ivhd10(D(0, 0, 2),
        Select(D(0, 0, 2)), Select(D(0, 1, 0)), Select(D(0, 0x14, 0)), AliasSelect(D(0, 0x14, 3), D(1, 0, 0)), Select(D(0, 0x18, 0)))));

    [Fact]
    public void A_device_with_an_rlookup_entry_within_last_bdf_is_accepted()
    {
        var d = AmdIommuDevice.Check(Tables, 0, D(0, 1, 0));
        // check_device (iommu.c:364-373): an rlookup entry and devid <= last_bdf
        Assert.True(d.Accepted);
        Assert.Equal("ivhd0", d.Iommu!.SysfsName);
        Assert.Equal(0, d.Errno);
    }

    [Fact]
    public void Check_device_refuses_a_device_out_of_scope_beyond_last_bdf()
    {
        Assert.Equal(D(0, 0x18, 0), Tables.Segments[0].LastBdf);
        // init_iommu_from_acpi (init.c:1411): the alias 01:00.0 got an rlookup entry ...
        Assert.NotNull(Tables.IommuFor(0, D(1, 0, 0)));
        // ... check_device (iommu.c:368-371): but it lies above last_bdf, "Out of our scope"
        var d = AmdIommuDevice.Check(Tables, 0, D(1, 0, 0));
        Assert.Equal(new AmdBeyondLastBdf(0, D(1, 0, 0), D(0, 0x18, 0)), d.Refusal);
        Assert.Equal(-19, d.Errno);
        // check_device (iommu.c:364-366): a device above last_bdf without an entry fails at the rlookup
        Assert.Equal(new AmdNotInIvrs(0, D(2, 0, 0)), AmdIommuDevice.Check(Tables, 0, D(2, 0, 0)).Refusal);
    }

    [Fact]
    public void Devices_without_an_entry_or_segment_are_refused()
    {
        // check_device (iommu.c:364-366) with __rlookup_amd_iommu (iommu.c:163-167)
        Assert.Equal(new AmdNotInIvrs(0, D(0, 2, 0)), AmdIommuDevice.Check(Tables, 0, D(0, 2, 0)).Refusal);
        Assert.Equal(new AmdNoPciSegment(1), AmdIommuDevice.Check(Tables, 1, D(0, 1, 0)).Refusal);
    }

    [Fact]
    public void The_iommus_own_function_is_excluded_even_when_the_ivrs_lists_it()
    {
        // init_iommu_one_late (init.c:1878-1882): the IVRS lists 00:00.2, the kernel clears it
        Assert.Equal(new AmdIommuOwnFunction(0, D(0, 0, 2), 0), AmdIommuDevice.Check(Tables, 0, D(0, 0, 2)).Refusal);
        // iommu_init_pci (init.c:2065-2066): no PCI driver binds to it
        Assert.Equal(0, AmdIommuDevice.UnbindableIommuFunction(Tables, 0, D(0, 0, 2))!.Index);
        Assert.Null(AmdIommuDevice.UnbindableIommuFunction(Tables, 0, D(0, 1, 0)));
        Assert.Null(AmdIommuDevice.UnbindableIommuFunction(Tables, 0, D(0, 0, 2), new AmdIommuRules { IommuFunctionUnbindable = false }));
    }

    [Fact]
    public void Probe_waits_for_the_iommu_to_be_registered()
    {
        // amd_iommu_probe_device (iommu.c:1903-1905): "Not registered yet?" -ENODEV
        var early = AmdIommuDevice.Probe(Tables, 0, D(0, 1, 0), _ => false);
        Assert.Equal(new AmdIommuNotRegistered(0), early.Refusal);
        Assert.Equal(-19, early.Errno);
        Assert.True(AmdIommuDevice.Probe(Tables, 0, D(0, 1, 0), _ => true).Accepted);
        // amd_iommu_probe_device (iommu.c:1896-1897): check_device comes first
        Assert.IsType<AmdNotInIvrs>(AmdIommuDevice.Probe(Tables, 0, D(0, 2, 0), _ => true).Refusal);
    }

    [Fact]
    public void An_ivrs_alias_on_the_same_bus_becomes_a_pci_dma_alias()
    {
        var t = Good(Parse(Ivhd10(D(0, 0, 2), All(), AliasSelect(D(3, 0, 1), D(3, 0, 0)), AliasSelect(D(4, 0, 0), D(2, 0x1f, 0)))));
        // setup_aliases (iommu.c:275-278): same bus, different device: pci_add_dma_alias with the alias's devfn
        Assert.Equal((byte)0x00, AmdIommuAliases.IvrsDmaAliasDevfn(t, 0, 3, 0x01));
        // setup_aliases (iommu.c:276-277): an alias on another bus is not added
        Assert.Null(AmdIommuAliases.IvrsDmaAliasDevfn(t, 0, 4, 0x00));
        // setup_aliases (iommu.c:276): no alias entry, nothing added
        Assert.Null(AmdIommuAliases.IvrsDmaAliasDevfn(t, 0, 5, 0x00));
        // older get_alias: only when the PCI core knows no other alias
        var older = new AmdIommuRules { IvrsAlias = AmdIvrsAliasRule.SameBusWithoutPciAlias };
        Assert.Null(AmdIommuAliases.IvrsDmaAliasDevfn(t, 0, 3, 0x01, older, pciHasOtherAlias: true));
        Assert.Equal((byte)0x00, AmdIommuAliases.IvrsDmaAliasDevfn(t, 0, 3, 0x01, older, pciHasOtherAlias: false));
    }

    [Fact]
    public void Clone_aliases_points_every_alias_at_the_devices_iommu()
    {
        var t = Good(Parse(Ivhd10(D(0, 0, 2), Select(D(4, 0, 0)), AliasSelect(D(5, 0, 0), D(2, 0x1f, 0)))));
        // clone_aliases (iommu.c:256-258): the IVRS alias (other bus included) and each PCI DMA alias but the device itself
        var targets = AmdIommuAliases.CloneTargets(t, 0, D(5, 0, 0), [D(5, 0, 0), D(0, 0x1e, 0)]);
        Assert.Equal([D(2, 0x1f, 0), D(0, 0x1e, 0)], targets);
        // clone_alias (iommu.c:234): afterwards the bridge's requester ID 00:1e.0 is translated by the device's IOMMU
        Assert.False(AmdIommuDevice.Check(t, 0, D(0, 0x1e, 0)).Accepted);
        var after = t.WithRlookup(0, targets, 0);
        Assert.True(AmdIommuDevice.Check(after, 0, D(0, 0x1e, 0)).Accepted);
        Assert.False(AmdIommuDevice.Check(t, 0, D(0, 0x1e, 0)).Accepted);
        // clone_alias (iommu.c:230-232): a device without an IOMMU clones nothing
        Assert.Empty(AmdIommuAliases.CloneTargets(t, 0, D(6, 0, 0), [D(0, 0x1e, 0)]));
    }

    [Fact]
    public void An_acpi_device_is_checked_through_the_acpihid_map()
    {
        var hid = ProbeSim.Acpi.Tests.IvrsBytes.AcpiHid(D(0, 0x14, 5), 0, "AMDI0020", "", 2, "0"u8.ToArray());
        var t = Good(Parse(IvhdOfType(0x40, D(0, 0, 2), Select(D(0, 0x14, 0)), Select(D(0, 0x18, 0)), hid)));
        // get_acpihid_device_id (iommu.c:98-104), then check_device (iommu.c:364-371) on the entry's requestor ID
        var d = AmdIommuDevice.CheckAcpi(t, "AMDI0020", "0");
        Assert.True(d.Accepted);
        Assert.Equal(D(0, 0x14, 5), d.DeviceId);
        // find_last_devid_from_ivhd (init.c:576-583): an ACPI HID entry does not count for last_bdf, so with only
        // 00:14.0 selected its requestor ID 00:14.5 is out of scope (check_device, iommu.c:368-371)
        var small = Good(Parse(IvhdOfType(0x40, D(0, 0, 2), Select(D(0, 0x14, 0)), hid)));
        Assert.Equal(new AmdBeyondLastBdf(0, D(0, 0x14, 5), D(0, 0x14, 0)), AmdIommuDevice.CheckAcpi(small, "AMDI0020", "0").Refusal);
        Assert.Equal(new AmdNoAcpiHidEntry("AMDI0030", "0"), AmdIommuDevice.CheckAcpi(t, "AMDI0030", "0").Refusal);
    }

    [Fact]
    public void Def_domain_type_is_identity_for_an_iommuv2_capable_device()
    {
        var v2 = new AmdDeviceCapabilities(IsPci: true, Ats: true, Pri: true, Pasid: true);
        var ctx = new AmdDomainContext(IommuV2: true);
        // pci_iommuv2_capable (iommu.c:334-341), iommu_init_device (iommu.c:402-405), amd_iommu_def_domain_type (iommu.c:2452-2455)
        Assert.Equal(AmdDomainPreference.Identity, AmdIommuDefDomain.Preference(v2, ctx));
        // amd_iommu_def_domain_type (iommu.c:2458): no preference otherwise
        Assert.Equal(AmdDomainPreference.None, AmdIommuDefDomain.Preference(v2 with { Pri = false }, ctx));
        Assert.Equal(AmdDomainPreference.None, AmdIommuDefDomain.Preference(v2, ctx with { IommuV2 = false }));
        Assert.Equal(AmdDomainPreference.None, AmdIommuDefDomain.Preference(v2 with { IsPci = false }, ctx));
        // pci_ats_supported (drivers/pci/ats.c:40-46): an untrusted device has no usable ATS
        Assert.Equal(AmdDomainPreference.None, AmdIommuDefDomain.Preference(v2 with { Untrusted = true }, ctx));
        // amd_iommu_def_domain_type (iommu.c:2452-2454): not with memory encryption or SNP
        Assert.Equal(AmdDomainPreference.None, AmdIommuDefDomain.Preference(v2, ctx with { MemoryEncryption = true }));
        Assert.Equal(AmdDomainPreference.None, AmdIommuDefDomain.Preference(v2, ctx with { SevSnp = true }));
    }

    [Fact]
    public void Force_isolation_keeps_iommuv2_devices_translated_unless_passthrough_is_the_default()
    {
        var v2 = new AmdDeviceCapabilities(IsPci: true, Ats: true, Pri: true, Pasid: true);
        var cmd = AmdIommuCmdline.Parse("amd_iommu=force_isolation");
        // iommu_init_device (iommu.c:402): (iommu_default_passthrough() || !amd_iommu_force_isolation)
        Assert.Equal(AmdDomainPreference.None, AmdIommuDefDomain.Preference(v2, new AmdDomainContext(true), cmd));
        Assert.Equal(AmdDomainPreference.Identity, AmdIommuDefDomain.Preference(v2, new AmdDomainContext(true, DefaultPassthrough: true), cmd));
        // older kernels parse force_isolation and never read it
        Assert.Equal(AmdDomainPreference.Identity, AmdIommuDefDomain.Preference(v2, new AmdDomainContext(true), cmd, new AmdIommuRules { ForceIsolationHonoured = false }));
    }

    [Fact]
    public void The_pasid_rule_of_later_kernels_and_untrusted_devices()
    {
        var later = new AmdIommuRules { Identity = AmdIdentityRule.Pasid, UntrustedIsDma = true };
        var ctx = new AmdDomainContext(IommuV2: true);
        // pdev_pasid_supported (6.12 iommu.c:507-510): PASID alone is enough
        Assert.Equal(AmdDomainPreference.Identity, AmdIommuDefDomain.Preference(new AmdDeviceCapabilities(true, Pasid: true), ctx, rules: later));
        // amd_iommu_def_domain_type (6.12 iommu.c:3032-3034): untrusted is DMA
        Assert.Equal(AmdDomainPreference.Dma, AmdIommuDefDomain.Preference(new AmdDeviceCapabilities(true, Untrusted: true, Pasid: true), ctx, rules: later));
    }
}
