namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>The header fixups of drivers/pci/quirks.c that set <c>dma_alias_mask</c> or an alias flag.</summary>
public enum DmaAliasQuirkKind
{
    /// <summary><c>quirk_dma_func0_alias</c>: DMA carries function 0's requester ID.</summary>
    Function0,
    /// <summary><c>quirk_dma_func1_alias</c>: DMA carries function 1's requester ID.</summary>
    Function1,
    /// <summary><c>quirk_fixed_dma_alias</c>: one fixed devfn, for listed subsystem IDs (<c>fixed_dma_alias_tbl[]</c>).</summary>
    Fixed,
    /// <summary><c>quirk_use_pcie_bridge_dma_alias</c>: a bridge without a PCIe capability that is really PCIe-to-PCI.</summary>
    PcieBridgeAlias,
    /// <summary><c>quirk_mic_x200_dma_alias</c>: the NTB's RIT-LUT requester IDs 10.0, 11.0, 12.3.</summary>
    MicX200,
    /// <summary><c>quirk_pex_vca_alias</c>: functions 0-4 of every slot.</summary>
    PexVca,
    /// <summary><c>quirk_plx_ntb_dma_alias</c>: every devfn of the bus.</summary>
    PlxNtb,
    /// <summary><c>quirk_bridge_cavm_thrx2_pcie_root</c>: the IOMMU sits at this bridge (<c>PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT</c>).</summary>
    BridgeXlateRoot,
}
