namespace ProbeSim.Kernel.Pci;

/// <summary>DMA alias walk (<c>drivers/pci/search.c</c>) and the alias relation (<c>drivers/pci/pci.c</c>).</summary>
public static class PciSearch
{
    /// <summary>
    /// <c>pci_for_each_dma_alias</c>: calls <paramref name="fn"/> for every requester ID the device's DMA may carry,
    /// from the device up to the root bus; a nonzero result stops the walk and is returned.
    /// </summary>
    public static int ForEachDmaAlias(PciFunction pdev, Func<PciFunction, ushort, int> fn)
    {
        // pci_for_each_dma_alias: pci_real_dma_dev is the device itself (only x86 VMD redirects it)
        var ret = fn(pdev, pdev.Rid);
        if (ret != 0) return ret;

        // pci_for_each_dma_alias: quirk aliases (dma_alias_mask), same bus, ascending devfn, reported against pdev itself
        foreach (var devfn in pdev.DmaAliasDevfns)
        {
            ret = fn(pdev, PciDevfn.DevId(pdev.Bus, devfn));
            if (ret != 0) return ret;
        }

        // pci_for_each_dma_alias: walk the buses up to the root bus; the model has no virtual buses (bus->self always set)
        for (var tmp = pdev.Parent; tmp is not null; tmp = tmp.Parent)
        {
            // pci_for_each_dma_alias: stop, without visiting it, at a bridge flagged BRIDGE_XLATE_ROOT
            if ((tmp.Flags & PciDevFlags.BridgeXlateRoot) != 0) return ret;

            if (tmp.IsPcie)
            {
                switch (tmp.PcieType)
                {
                    // pci_for_each_dma_alias: PCIe root/upstream/downstream ports keep the requester ID
                    case PciExpressType.RootPort or PciExpressType.Upstream or PciExpressType.Downstream:
                        continue;
                    // pci_for_each_dma_alias: a PCIe-to-PCI bridge takes ownership as (secondary bus, devfn 0)
                    case PciExpressType.PcieToPciBridge:
                        ret = fn(tmp, PciDevfn.DevId(tmp.SecondaryBus ?? 0, 0));
                        if (ret != 0) return ret;
                        continue;
                    // pci_for_each_dma_alias: a PCI-to-PCIe bridge forwards with its own requester ID
                    case PciExpressType.PciToPcieBridge:
                        ret = fn(tmp, tmp.Rid);
                        if (ret != 0) return ret;
                        continue;
                }
                // pci_for_each_dma_alias: any other PCIe type acting as a bridge adds nothing
            }
            else
            {
                // pci_for_each_dma_alias: a conventional bridge uses its own RID, or (secondary, 0) when quirked PCIE_BRIDGE_ALIAS
                ret = (tmp.Flags & PciDevFlags.PcieBridgeAlias) != 0
                    ? fn(tmp, PciDevfn.DevId(tmp.SecondaryBus ?? 0, 0))
                    : fn(tmp, tmp.Rid);
                if (ret != 0) return ret;
            }
        }
        return ret;
    }

    /// <summary>Every step of <c>pci_for_each_dma_alias</c> with a callback that never stops it.</summary>
    public static IReadOnlyList<PciDmaAlias> ForEachDmaAlias(PciFunction pdev)
    {
        var visited = new List<PciDmaAlias>();
        ForEachDmaAlias(pdev, (dev, rid) =>
        {
            visited.Add(new PciDmaAlias(dev, rid));
            return 0;
        });
        return visited;
    }

    /// <summary>
    /// <c>pci_devs_are_dma_aliases</c>: one device's <c>dma_alias_mask</c> holds the other's devfn. Callers compare
    /// devices on the same bus only.
    /// </summary>
    // pci_devs_are_dma_aliases: either device's dma_alias_mask holds the other's devfn
    public static bool DevsAreDmaAliases(PciFunction dev1, PciFunction dev2) =>
        dev1.HasDmaAlias(dev2.Devfn) || dev2.HasDmaAlias(dev1.Devfn);
}
