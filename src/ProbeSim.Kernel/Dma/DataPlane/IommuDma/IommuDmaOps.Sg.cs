namespace ProbeSim.Kernel.Dma;

public sealed partial class IommuDmaOps
{
    /// <summary>
    /// iommu_dma_map_sg: one IOVA range for the whole list, each segment widened to whole granules (padding inserted
    /// where a segment would cross the segment boundary), one iommu_map_sg, then __finalise_sg merges segments back
    /// into DMA segments. Untrusted devices map entry by entry through the bounce path instead.
    /// </summary>
    public int MapSg(Scatterlist sg, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        var iovad = Iovad;
        sg.ResetDma();
        if (Device.Untrusted || sg.Entries.Any(e => KmallocNeedsBounce(e.Length, dir)))
            return MapSgSwiotlb(sg, dir, attrs, cpu);

        Stats.Maps++;
        if ((attrs & DmaAttrs.SkipCpuSync) == 0 && !Device.Coherent)
            Stats.CacheCleans += sg.Count;

        var g = iovad.Granule;
        var mask = Device.SegmentBoundary;
        var n = sg.Count;
        var offs = new ulong[n];
        var iovaLens = new ulong[n];
        ulong iovaLen = 0;
        for (var i = 0; i < n; i++)
        {
            var s = sg.Entries[i];
            offs[i] = s.Phys & (g - 1);
            var sLength = Bits.AlignUp(s.Length + offs[i], g);
            var padLen = unchecked(mask - iovaLen + 1) & mask;
            // a segment that would straddle the boundary starts at the next one; the previous one absorbs the gap
            if (padLen != 0 && padLen < sLength - 1)
            {
                iovaLens[i - 1] += padLen;
                iovaLen += padLen;
            }

            iovaLens[i] = sLength;
            iovaLen += sLength;
        }

        var prot = DmaInfoToProt(dir, Device.Coherent, attrs);
        var iova = AllocIova(iovaLen, Device.DmaMask, cpu);
        if (iova == 0)
        {
            Stats.MapErrors++;
            return -ENOMEM;
        }

        var segments = new PhysSegment[n];
        for (var i = 0; i < n; i++)
            segments[i] = new PhysSegment(sg.Entries[i].Phys - offs[i], iovaLens[i]);
        var ret = Domain.MapSg(iova, segments, prot);
        if (ret < 0 || (ulong)ret < iovaLen)
        {
            Cookie.FreeIova(iova, iovaLen, null, cpu);
            Stats.MapErrors++;
            return -EINVAL;
        }

        return FinaliseSg(sg, offs, iovaLens, iova);
    }

    /// <summary>iommu_dma_unmap_sg: one unmap from the first DMA segment's start to the last one's end.</summary>
    public void UnmapSg(Scatterlist sg, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        if (sg.MappedBySwiotlb)
        {
            foreach (var e in sg.Entries)
                if (e.DmaLength != 0)
                    UnmapPage(e.DmaAddress, e.DmaLength, dir, attrs, cpu);
            sg.ResetDma();
            sg.MappedBySwiotlb = false;
            return;
        }

        Stats.Unmaps++;
        if ((attrs & DmaAttrs.SkipCpuSync) == 0 && !Device.Coherent && dir != DmaDirection.ToDevice)
            Stats.CacheInvalidates += sg.Count;
        ulong start = 0, end = 0;
        var first = true;
        foreach (var e in sg.Entries)
        {
            if (e.DmaLength == 0)
                break;
            if (first)
                start = e.DmaAddress;
            first = false;
            end = e.DmaAddress + e.DmaLength;
        }

        if (end != 0)
            Cookie.Unmap(start, end - start, cpu);
        sg.ResetDma();
    }

    // __finalise_sg
    private int FinaliseSg(Scatterlist sg, ulong[] offs, ulong[] iovaLens, ulong dmaAddr)
    {
        var segMask = Device.SegmentBoundary;
        var maxLen = Device.MaxSegmentSize;
        ulong curLen = 0;
        var cur = -1;
        var count = 0;
        for (var i = 0; i < sg.Count; i++)
        {
            var sLength = sg.Entries[i].Length;
            var sIovaOff = offs[i];
            var sIovaLen = iovaLens[i];
            if (curLen != 0 && sIovaOff == 0 && (dmaAddr & segMask) != 0 && maxLen - curLen >= sLength)
                curLen += sLength; // concatenate with the previous output segment
            else
            {
                cur++;
                curLen = sLength;
                count++;
                sg.Entries[cur].DmaAddress = dmaAddr + sIovaOff;
            }

            sg.Entries[cur].DmaLength = curLen;
            dmaAddr += sIovaLen;
            if (sLength + sIovaOff < sIovaLen)
                curLen = 0;
        }

        return count;
    }

    // iommu_dma_map_sg_swiotlb
    private int MapSgSwiotlb(Scatterlist sg, DmaDirection dir, DmaAttrs attrs, int cpu)
    {
        sg.MappedBySwiotlb = true;
        for (var i = 0; i < sg.Count; i++)
        {
            var e = sg.Entries[i];
            var dma = MapPage(e.Phys, e.Length, dir, attrs, cpu);
            if (dma == DmaApi.MappingError)
            {
                for (var j = 0; j < i; j++)
                    UnmapPage(sg.Entries[j].DmaAddress, sg.Entries[j].DmaLength, dir, attrs | DmaAttrs.SkipCpuSync, cpu);
                sg.ResetDma();
                sg.MappedBySwiotlb = false;
                return -EIO;
            }

            e.DmaAddress = dma;
            e.DmaLength = e.Length;
        }

        return sg.Count;
    }
}
