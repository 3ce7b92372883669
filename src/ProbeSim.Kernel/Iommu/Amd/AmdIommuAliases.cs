namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// What <c>iommu_init_device</c> does with aliases when it accepts a PCI function (after <see cref="AmdIommuDevice.Probe"/>):
/// <c>setup_aliases</c> may add the IVRS alias as a PCI DMA alias (so <c>pci_device_group</c> sees it), then
/// <c>clone_aliases</c> points the rlookup entry of every alias at the device's IOMMU. The caller applies both:
/// <c>pci_add_dma_alias</c> with <see cref="IvrsDmaAliasDevfn"/>, then <see cref="AmdIommuTables.WithRlookup"/> with
/// <see cref="CloneTargets"/> of the aliases <c>pci_for_each_dma_alias</c> then gives.
/// </summary>
public static class AmdIommuAliases
{
    /// <summary>
    /// setup_aliases (drivers/iommu/amd/iommu.c:261-281): the devfn to add with <c>pci_add_dma_alias</c>, or null. The
    /// IVRS alias is added when it differs from the device and is on the device's bus; an alias on another bus stays an
    /// IVRS-only alias. With <see cref="AmdIvrsAliasRule.SameBusWithoutPciAlias"/> it is added only when
    /// <paramref name="pciHasOtherAlias"/> is false (the last alias <c>pci_for_each_dma_alias</c> gives is the device itself).
    /// </summary>
    public static byte? IvrsDmaAliasDevfn(AmdIommuTables tables, ushort segment, byte bus, byte devfn,
        AmdIommuRules? rules = null, bool pciHasOtherAlias = false)
    {
        ushort devid = (ushort)(bus << 8 | devfn);
        ushort alias = tables.AliasOf(segment, devid);
        // setup_aliases (iommu.c:276-279): a different alias, on the same bus, becomes a PCI DMA alias (its devfn)
        if (alias == devid || alias >> 8 != bus) return null;
        // get_alias (v4.2 drivers/iommu/amd_iommu.c:364-367): only a device the PCI core gives no alias of its own
        if ((rules ?? AmdIommuRules.Default).IvrsAlias == AmdIvrsAliasRule.SameBusWithoutPciAlias && pciHasOtherAlias) return null;
        return (byte)alias;
    }

    /// <summary>
    /// clone_aliases (drivers/iommu/amd/iommu.c:243-259) with clone_alias (iommu.c:220-241): the IVRS alias and each
    /// requester ID of <paramref name="pciDmaAliasRids"/>, other than the device's own, get the device's IOMMU in the
    /// rlookup table (and a copy of its DTE). Empty when the device has no IOMMU.
    /// </summary>
    public static IReadOnlyList<ushort> CloneTargets(AmdIommuTables tables, ushort segment, ushort devid, IEnumerable<ushort> pciDmaAliasRids)
    {
        // clone_alias (iommu.c:229-231): nothing when the device itself has no IOMMU
        if (tables.IommuFor(segment, devid) is null) return Array.Empty<ushort>();
        var targets = new List<ushort>();
        // clone_aliases (iommu.c:256-258): the IVRS alias first, even on another bus, then every PCI DMA alias
        foreach (var alias in pciDmaAliasRids.Prepend(tables.AliasOf(segment, devid)))
            // clone_alias (iommu.c:226-227): the device's own ID is skipped
            if (alias != devid && !targets.Contains(alias)) targets.Add(alias);
        return targets;
    }
}
