namespace ProbeSim.Kernel.Pci;

/// <summary>
/// <c>pci_device_group</c> of <c>drivers/iommu/iommu.c</c>: which IOMMU group a PCI function joins, given the groups
/// the functions probed before it already have. The caller owns the groups: <c>groupOf</c> answers
/// <c>iommu_group_get</c> and <c>newGroup</c> is <c>iommu_group_alloc</c>.
/// </summary>
public static class PciDeviceGroup
{
    /// <summary>
    /// <c>pci_device_group</c>. Searches that loop over all PCI devices (<c>for_each_pci_dev</c>) go in
    /// <see cref="PciTopology.ScanOrder"/>, the order the devices were registered with the driver core.
    /// </summary>
    public static TGroup DeviceGroup<TGroup>(PciFunction pdev, Func<PciFunction, TGroup?> groupOf, Func<TGroup> newGroup)
        where TGroup : class
    {
        // pci_device_group: walk the DMA aliases, remembering the last device seen; stop at one that has a group
        PciFunction last = pdev;
        TGroup? group = null;
        if (PciSearch.ForEachDmaAlias(pdev, (dev, _) =>
            {
                last = dev;
                group = groupOf(dev);
                return group is null ? 0 : 1;
            }) != 0)
            return group!;

        pdev = last;

        // pci_device_group: go up from there until the path to the root bus is ACS-isolated; a bridge passed on the way
        // becomes the device of interest and its group is taken if it has one
        for (var bridge = pdev.Parent; bridge is not null; bridge = bridge.Parent)
        {
            if (PciAcs.AcsPathEnabled(bridge, null, PciAcs.ReqAcsFlags)) break;
            pdev = bridge;
            group = groupOf(pdev);
            if (group is not null) return group;
        }

        // pci_device_group: devices that alias us or that we alias, then non-isolated sibling functions; one bitmap of
        // visited devfns for both searches
        var devfns = new bool[256];
        group = GetPciAliasGroup(pdev, devfns, groupOf);
        if (group is not null) return group;

        group = GetPciFunctionAliasGroup(pdev, devfns, groupOf);
        if (group is not null) return group;

        // pci_device_group: nothing shared found, allocate a new group
        return newGroup();
    }

    /// <summary>
    /// <c>get_pci_alias_group</c>: the device's own group, else the group found through any device on the same bus that
    /// is a DMA alias of it (either way), searching that device and its non-isolated sibling functions in turn.
    /// </summary>
    private static TGroup? GetPciAliasGroup<TGroup>(PciFunction pdev, bool[] devfns, Func<PciFunction, TGroup?> groupOf)
        where TGroup : class
    {
        // get_pci_alias_group: each devfn is looked at once (test_and_set_bit)
        if (devfns[pdev.Devfn]) return null;
        devfns[pdev.Devfn] = true;

        var group = groupOf(pdev);
        if (group is not null) return group;

        foreach (var tmp in pdev.Topology.ScanOrder())
        {
            if (tmp == pdev || !SameBus(tmp, pdev)) continue;
            // get_pci_alias_group: "we alias them or they alias us"
            if (!PciSearch.DevsAreDmaAliases(pdev, tmp)) continue;

            group = GetPciAliasGroup(tmp, devfns, groupOf);
            if (group is not null) return group;

            group = GetPciFunctionAliasGroup(tmp, devfns, groupOf);
            if (group is not null) return group;
        }
        return null;
    }

    /// <summary>
    /// <c>get_pci_function_alias_group</c>: for a multifunction device without ACS isolation, the alias search on every
    /// other function of the same slot that is not isolated either.
    /// </summary>
    private static TGroup? GetPciFunctionAliasGroup<TGroup>(PciFunction pdev, bool[] devfns, Func<PciFunction, TGroup?> groupOf)
        where TGroup : class
    {
        // get_pci_function_alias_group: only multifunction devices lacking REQ_ACS_FLAGS are searched
        if (!pdev.Multifunction || PciAcs.AcsEnabled(pdev, PciAcs.ReqAcsFlags)) return null;

        foreach (var tmp in pdev.Topology.ScanOrder())
        {
            if (tmp == pdev || !SameBus(tmp, pdev) || tmp.Device != pdev.Device
                || PciAcs.AcsEnabled(tmp, PciAcs.ReqAcsFlags))
                continue;

            var group = GetPciAliasGroup(tmp, devfns, groupOf);
            if (group is not null) return group;
        }
        return null;
    }

    private static bool SameBus(PciFunction a, PciFunction b) => a.Parent == b.Parent && a.Topology == b.Topology;

    /// <summary>
    /// Groups every function of the topology by calling <see cref="DeviceGroup{TGroup}"/> in
    /// <see cref="PciTopology.AddOrder"/> (each function joins its group before the next is looked at). Returns the
    /// groups in creation order, members in join order.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<PciFunction>> GroupAll(PciTopology topology)
    {
        var groups = new List<List<PciFunction>>();
        var groupOf = new Dictionary<PciFunction, List<PciFunction>>(ReferenceEqualityComparer.Instance);
        foreach (var dev in topology.AddOrder())
        {
            var group = DeviceGroup(dev, d => groupOf.GetValueOrDefault(d), () =>
            {
                var created = new List<PciFunction>();
                groups.Add(created);
                return created;
            });
            group.Add(dev);
            groupOf[dev] = group;
        }
        return groups;
    }
}
