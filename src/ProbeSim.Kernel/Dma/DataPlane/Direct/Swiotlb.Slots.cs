namespace ProbeSim.Kernel.Dma;

public sealed partial class Swiotlb
{
    // swiotlb_search_pool_area for the single area
    private int FindSlots(DmaDevice dev, ulong orig, ulong allocSize, ulong allocAlignMask)
    {
        var nslots = NrSlots(allocSize);
        var iotlbAlignMask = dev.MinAlignMask & ~(IoTlbSize - 1);
        // allocations of a page or more stay page aligned when nothing else is asked for
        if (allocAlignMask == 0 && iotlbAlignMask == 0 && allocSize >= DmaApi.PageSize)
            allocAlignMask = DmaApi.PageSize - 1;
        allocAlignMask |= IoTlbSize - 1;
        iotlbAlignMask &= ~allocAlignMask;
        var stride = (int)((Math.Max(allocAlignMask, iotlbAlignMask) >> IoTlbShift) + 1);
        var maxSlots = (dev.SegmentBoundary >> IoTlbShift) + 1;          // get_max_slots(boundary_mask)
        var tblSlots = NrSlots(Start & dev.SegmentBoundary);

        if (nslots > IoTlbSegSize || nslots > NSlabs - Used)
            return -1;
        var index = _index;
        for (var checkedSlots = 0; checkedSlots < NSlabs;)
        {
            var tlb = SlotAddr(index);
            if ((tlb & allocAlignMask) != 0 || (orig != 0 && (tlb & iotlbAlignMask) != (orig & iotlbAlignMask)))
            {
                index = Wrap(index + 1);
                checkedSlots++;
                continue;
            }

            var spansBoundary = ((ulong)(tblSlots + index) % maxSlots) + (ulong)nslots > maxSlots; // iommu_is_span_boundary
            if (!spansBoundary && FreeRun(index) >= nslots)
            {
                for (var i = 0; i < nslots; i++)
                    _used[index + i] = true;
                _index = Wrap(index + nslots);
                Used += nslots;
                return index;
            }

            index = Wrap(index + stride);
            checkedSlots += stride;
        }

        return -1;
    }

    // mem->slots[i].list: free slots from i up to the end of its segment
    private int FreeRun(int index)
    {
        var segEnd = (index / IoTlbSegSize + 1) * IoTlbSegSize;
        var n = 0;
        for (var i = index; i < segEnd && i < NSlabs && !_used[i]; i++)
            n++;
        return n;
    }

    private int Wrap(int index) => index >= NSlabs ? index - NSlabs : index;
}
