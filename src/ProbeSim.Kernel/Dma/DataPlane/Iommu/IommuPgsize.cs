namespace ProbeSim.Kernel.Dma;

/// <summary>iommu.c's page-size choice for map and unmap.</summary>
public static class IommuPgsize
{
    /// <summary>
    /// iommu_pgsize: the largest supported page no bigger than <paramref name="size"/> and allowed by the alignment
    /// of iova|paddr; <paramref name="count"/> such pages, stopping where the next larger page size could start when
    /// iova and paddr share their offset within it.
    /// </summary>
    public static ulong Choose(ulong pgsizeBitmap, ulong iova, ulong paddr, ulong size, out ulong count)
    {
        var addrMerge = paddr | iova;

        // Page sizes supported by the hardware and small enough for size
        var pgsizes = pgsizeBitmap & Bits.GenMaskTo(Bits.Fls(size));
        // Constrain further by the alignment of the addresses
        if (addrMerge != 0)
            pgsizes &= Bits.GenMaskTo(Bits.Ffs(addrMerge));
        if (pgsizes == 0)
            throw new InvalidOperationException("iommu_pgsize: no suitable page size (BUG_ON)");

        var pgsizeIdx = Bits.Fls(pgsizes);
        var pgsize = 1UL << pgsizeIdx;

        // the next bigger supported size, if any, limits the count
        var bigger = pgsizeBitmap & ~Bits.GenMaskTo(pgsizeIdx);
        if (bigger != 0)
        {
            var pgsizeNext = 1UL << Bits.Ffs(bigger);
            if (((iova ^ paddr) & (pgsizeNext - 1)) == 0)
            {
                var offset = pgsizeNext - (addrMerge & (pgsizeNext - 1));
                if (offset + pgsizeNext <= size)
                    size = offset;
            }
        }

        count = size >> pgsizeIdx;
        return pgsize;
    }
}
