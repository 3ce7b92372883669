using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>The first usable dma-ranges entry above a device: bus start, CPU start, size.</summary>
public sealed record OfDmaRange(ulong BusStart, ulong CpuStart, ulong Size);

/// <summary>of_dma_get_range: dma-ranges of the device's parent buses.</summary>
public static class OfDmaRanges
{
    /// <summary>
    /// Walks up from the node itself: the first non-empty dma-ranges gives the map; an empty one means identity and the
    /// walk goes on; a node without dma-ranges ends the walk (tolerated only for the first node examined). Null = no constraint.
    /// </summary>
    // of_dma_get_range: nearest non-empty dma-ranges, empty ones continue, a missing one above the first stops
    public static OfDmaRange? Find(DtNode np)
    {
        bool first = true;
        for (var bus = np; bus is not null && bus.Parent is not null; bus = bus.Parent)
        {
            var prop = bus.GetProperty("dma-ranges");
            if (prop is null)
            {
                if (first) { first = false; continue; }
                return null;
            }
            first = false;
            if (prop.Length == 0) continue;
            int na = bus.GetU32("#address-cells") is { } a ? (int)a : OfAddress.AddrCellsFor(bus);
            int ns = bus.GetU32("#size-cells") is { } s ? (int)s : OfAddress.SizeCellsFor(bus);
            int pna = OfAddress.AddrCellsFor(bus);
            int entry = (na + pna + ns) * 4;
            if (na is < 1 or > 3 || pna is < 1 or > 3 || ns is < 1 or > 2 || prop.Length < entry) return null;
            ulong Read(int off, int cells)
            {
                ulong v = 0;
                // a PCI child address has a flags cell first: keep the low two cells
                for (int i = Math.Max(0, cells - 2); i < cells; i++) v = (v << 32) | prop.GetU32(off + i);
                return v;
            }
            var busStart = Read(0, na);
            var cpu = Read(na, pna);
            var size = Read(na + pna, ns);
            return new OfDmaRange(busStart, cpu, size);
        }
        return null;
    }
}
