namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>
/// The DMA alias header fixups in force (<see cref="PciQuirkSet.DmaAliasEntries"/>) applied to a function as
/// <c>pci_setup_device</c> runs them: after its header and PCIe type are read, before it is added to the bus.
/// They set what a description's <c>alias-of</c> and <c>quirks</c> set, and only add to it.
/// </summary>
internal static class DmaAliasFixups
{
    public static void Apply(PciFunction f, PciQuirkSet set)
    {
        // pci_fixup_device: every header fixup whose vendor and device match runs
        foreach (var e in set.DmaAliasEntries)
            if (e.Matches(f)) Apply(f, e);
    }

    private static void Apply(PciFunction f, DmaAliasQuirkEntry e)
    {
        switch (e.Kind)
        {
            case DmaAliasQuirkKind.Function0:
                // quirk_dma_func0_alias: a function other than 0 also DMAs as function 0 of its slot
                if (f.Function != 0) f.AddDmaAlias(PciDevfn.Make(f.Device, 0));
                break;
            case DmaAliasQuirkKind.Function1:
                // quirk_dma_func1_alias: a function other than 1 also DMAs as function 1 of its slot, present or not
                if (f.Function != 1) f.AddDmaAlias(PciDevfn.Make(f.Device, 1));
                break;
            case DmaAliasQuirkKind.Fixed:
                // quirk_fixed_dma_alias: the devfn fixed_dma_alias_tbl[] gives for the subsystem, on the same bus
                f.AddDmaAlias(e.AliasDevfn);
                break;
            case DmaAliasQuirkKind.PcieBridgeAlias:
                // quirk_use_pcie_bridge_dma_alias: a bridge header without PCIe capability, not on the root bus, below a PCIe device that is no PCIe-to-PCI bridge
                if (f.Parent is { IsPcie: true } up && up.PcieType != PciExpressType.PcieToPciBridge
                    && f.HeaderType == PciHeaderType.Bridge && !f.IsPcie)
                    f.Flags |= PciDevFlags.PcieBridgeAlias;
                break;
            case DmaAliasQuirkKind.MicX200:
                // quirk_mic_x200_dma_alias: the requester IDs of the NTB's lookup table, 10.0, 11.0 and 12.3
                f.AddDmaAlias(PciDevfn.Make(0x10, 0));
                f.AddDmaAlias(PciDevfn.Make(0x11, 0));
                f.AddDmaAlias(PciDevfn.Make(0x12, 3));
                break;
            case DmaAliasQuirkKind.PexVca:
                // quirk_pex_vca_alias: functions 0-4 of all 32 slots
                for (var slot = 0; slot < PciDevfn.MaxDevices; slot++)
                    for (var fn = 0; fn < 5; fn++) f.AddDmaAlias(PciDevfn.Make(slot, fn));
                break;
            case DmaAliasQuirkKind.PlxNtb:
                // quirk_plx_ntb_dma_alias: every devfn of the bus
                for (var devfn = 0; devfn <= 0xff; devfn++) f.AddDmaAlias((byte)devfn);
                break;
            case DmaAliasQuirkKind.BridgeXlateRoot:
                // quirk_bridge_cavm_thrx2_pcie_root: the IOMMU sits at this bridge
                f.Flags |= PciDevFlags.BridgeXlateRoot;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Kind, null);
        }
    }
}
