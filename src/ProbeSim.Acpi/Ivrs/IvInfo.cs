namespace ProbeSim.Acpi.Ivrs;

/// <summary>The IVRS table's IVinfo word (offset 36; AMD IOMMU specification, "IVRS Header").</summary>
public readonly record struct IvInfo(uint Raw)
{
    /// <summary>Bit 0 (EFRSup): the IVHD blocks of type 11h/40h carry an image of the EFR register (<c>IOMMU_IVINFO_EFRSUP</c>).</summary>
    public bool EfrSupported => (Raw & 1) != 0;

    /// <summary>Bit 1 (DMA remap support): the platform asks for pre-boot DMA protection (<c>IOMMU_IVINFO_DMA_REMAP</c>).</summary>
    public bool DmaRemapSupport => (Raw & 2) != 0;

    /// <summary>Bits 7:5: guest virtual address size code.</summary>
    public int GuestVirtualAddressSize => (int)((Raw >> 5) & 0x7);

    /// <summary>Bits 14:8: physical address size in bits.</summary>
    public int PhysicalAddressSize => (int)((Raw >> 8) & 0x7f);

    /// <summary>Bits 21:15: virtual address size in bits.</summary>
    public int VirtualAddressSize => (int)((Raw >> 15) & 0x7f);

    /// <summary>Bit 22: HT ATS reserved.</summary>
    public bool HtAtsReserved => (Raw & (1u << 22)) != 0;
}
