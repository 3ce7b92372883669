using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>Address translation of a node's <c>reg</c> to a CPU address (drivers/of/address.c).</summary>
public static class OfAddress
{
    // OF_ROOT_NODE_ADDR_CELLS_DEFAULT / OF_ROOT_NODE_SIZE_CELLS_DEFAULT
    private const int RootAddrCellsDefault = 1;
    private const int RootSizeCellsDefault = 1;

    // OF_MAX_ADDR_CELLS
    private const int MaxAddrCells = 4;

    // of_n_addr_cells: the nearest #address-cells from the parent upwards, else the root default
    public static int AddrCellsFor(DtNode node)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
            if (n.GetU32("#address-cells") is { } v) return (int)v;
        return RootAddrCellsDefault;
    }

    // of_n_size_cells
    public static int SizeCellsFor(DtNode node)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
            if (n.GetU32("#size-cells") is { } v) return (int)v;
        return RootSizeCellsDefault;
    }

    /// <summary>of_address_to_resource on the first <c>reg</c> entry: the CPU address, or null when it does not translate.</summary>
    public static ulong? TranslateFirstReg(DtNode node)
    {
        var reg = node.GetProperty("reg");
        if (reg is null || node.Parent is null) return null;
        var na = AddrCellsFor(node);
        var ns = SizeCellsFor(node);
        if (na is < 1 or > 4 || ns < 0 || reg.Length < (na + ns) * 4 || reg.Length % 4 != 0) return null;
        var addr = new uint[na];
        for (var i = 0; i < na; i++) addr[i] = reg.GetU32(i);
        return Translate(node.Parent, addr);
    }

    // __of_translate_address: apply each bus's "ranges" on the way to the root
    private static ulong? Translate(DtNode bus, uint[] addr)
    {
        var na = addr.Length;
        while (bus.Parent is not null)
        {
            var pna = AddrCellsFor(bus);
            // OF_CHECK_COUNTS(pna, pns) on the parent bus: "Bad cell count", the address does not translate
            if (pna is < 1 or > MaxAddrCells || SizeCellsFor(bus) <= 0) return null;
            // the size cells of a range entry are the child bus's own
            var ns = bus.GetU32("#size-cells") is { } s ? (int)s : SizeCellsFor(bus);
            if (ns < 0) return null;
            var ranges = bus.GetProperty("ranges");
            // of_translate_one: a bus without "ranges" cannot be crossed; an empty one maps 1:1
            if (ranges is null) return null;
            uint[] next;
            if (ranges.Length == 0)
            {
                next = Resize(addr, pna);
            }
            else
            {
                var mapped = MatchRange(ranges, addr, na, pna, ns);
                if (mapped is null) return null;
                next = mapped;
            }
            addr = next;
            na = pna;
            bus = bus.Parent;
        }
        return ReadNumber(addr);
    }

    // of_bus_default_map / of_bus_default_translate: find the range that holds the address and rebase it
    private static uint[]? MatchRange(DtProperty ranges, uint[] addr, int na, int pna, int ns)
    {
        var stride = na + pna + ns;
        if (stride == 0 || ranges.CellCount % stride != 0) return null;
        var a = ReadNumber(addr);
        for (var i = 0; i < ranges.CellCount; i += stride)
        {
            var childBase = ranges.ReadNumber(i, Math.Min(na, 2));
            var parentBase = ranges.ReadNumber(i + na, Math.Min(pna, 2));
            var size = ranges.ReadNumber(i + na + pna, Math.Min(ns, 2));
            if (a < childBase || a - childBase >= size) continue;
            return Split(parentBase + (a - childBase), pna);
        }
        return null;
    }

    private static ulong ReadNumber(uint[] cells)
    {
        ulong v = 0;
        foreach (var c in cells) v = (v << 32) | c;
        return v;
    }

    private static uint[] Split(ulong value, int cells)
    {
        var r = new uint[cells];
        for (var i = cells - 1; i >= 0 && value != 0; i--, value >>= 32) r[i] = (uint)value;
        return r;
    }

    private static uint[] Resize(uint[] addr, int cells) => Split(ReadNumber(addr), cells);
}
