namespace ProbeSim.Kernel.Dma;

public sealed partial class IommuPagingDomain
{
    /// <summary>
    /// One device transaction at <paramref name="iova"/>: served by the IOTLB when it holds the page (even if the page
    /// table no longer does), else by a table walk that caches the leaf. Writes need IOMMU_WRITE; an ARM stage-1 leaf
    /// is always readable (AP has no write-only encoding).
    /// </summary>
    public DmaAccessChunk Access(ulong iova, bool write, out DmaAccessFault fault)
    {
        fault = DmaAccessFault.None;
        if (Type == PagingDomainType.Identity)
            return new DmaAccessChunk(iova, iova, MinPageSize - (iova & (MinPageSize - 1)), false, false);
        if (Type == PagingDomainType.Blocked)
        {
            fault = DmaAccessFault.Blocked;
            return default;
        }

        bool fromTlb;
        ulong leafIova, leafPa, leafSize;
        IommuProt prot;
        if (Iotlb.TryLookup(iova, out var hit))
        {
            fromTlb = true;
            leafSize = hit.Size;
            leafIova = iova & ~(leafSize - 1);
            leafPa = hit.Pa;
            prot = hit.Prot;
        }
        else if (PageTable.TryTranslate(iova, out leafIova, out leafPa, out leafSize, out prot))
        {
            fromTlb = false;
            Iotlb.Fill(leafIova, leafPa, leafSize, prot);
        }
        else
        {
            fault = DmaAccessFault.Translation;
            return default;
        }

        if (write && (prot & IommuProt.Write) == 0)
        {
            fault = DmaAccessFault.Permission;
            return default;
        }

        var pa = leafPa + (iova - leafIova);
        var stale = fromTlb && PageTable.IovaToPhys(iova) != pa;
        var granuleLeft = MinPageSize - (iova & (MinPageSize - 1));
        return new DmaAccessChunk(iova, pa, granuleLeft, fromTlb, stale);
    }

    /// <summary>A transaction of <paramref name="length"/> bytes, granule by granule, stopping at the first fault.</summary>
    public DeviceAccessResult Access(ulong iova, ulong length, bool write)
    {
        var chunks = new List<DmaAccessChunk>();
        var at = iova;
        var end = iova + length;
        while (at < end)
        {
            var c = Access(at, write, out var fault);
            if (fault != DmaAccessFault.None)
                return DeviceAccessResult.Faulted(fault, at, chunks);
            var n = Math.Min(c.Length, end - at);
            chunks.Add(c with { Length = n });
            at += n;
        }

        return new DeviceAccessResult(DmaAccessFault.None, 0, chunks);
    }
}
