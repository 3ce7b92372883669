using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// Phandle+args lists (<c>clocks = &lt;&amp;cru 3&gt;, &lt;&amp;osc&gt;</c>) read the way drivers/of/base.c does, without <c>*-map</c> nexus translation.
/// The argument count of each slot comes from the provider's <c>#xxx-cells</c> (cellsName), or is fixed (cellCount; 0 for plain phandle lists).
/// Slots whose phandle is 0 are empty: they hold no arguments, are left out of the results, and still count for the index of later slots.
/// With a cells name, a dangling phandle, a provider without the cells property (and no fallback count) or arguments running past the end
/// stop the walk: the error slot is the last one returned. With a fixed count the kernel never looks at the provider, so a dangling phandle
/// gives a slot with no provider (and an explanatory <see cref="OfPhandleEntry.Error"/>) and the walk goes on.
/// </summary>
public static class OfPhandleArgs
{
    /// <summary>Every non-empty slot of <paramref name="listName"/>, ending with the first error slot if there is one.</summary>
    /// <param name="cellCount">Fixed argument count when <paramref name="cellsName"/> is null; with a cells name, the count used when the provider lacks it (-1: none, an error).</param>
    // of_for_each_phandle: the whole list, empty slots dropped
    public static IReadOnlyList<OfPhandleEntry> Parse(DtNode node, string listName, string? cellsName, int cellCount = -1, DeviceTreeIndex? index = null)
    {
        var list = new List<OfPhandleEntry>();
        foreach (var (slot, _) in Slots(node, listName, cellsName, cellCount, index ?? OfLookup.IndexFor(node)))
            if (slot.Phandle != 0 || slot.Error is not null) list.Add(slot);
        return list;
    }

    /// <summary>A list whose slots all take <paramref name="cellCount"/> argument cells (of_parse_phandle_with_fixed_args; 0 = of_parse_phandle).</summary>
    // of_parse_phandle_with_fixed_args: no cells property is read
    public static IReadOnlyList<OfPhandleEntry> ParseFixed(DtNode node, string listName, int cellCount, DeviceTreeIndex? index = null) =>
        Parse(node, listName, null, Math.Max(0, cellCount), index);

    /// <summary>
    /// The slot at <paramref name="slotIndex"/> (__of_parse_phandle_with_args): the error slot if the walk fails on the way,
    /// null when the slot is empty, the list is shorter or the property is missing.
    /// </summary>
    // __of_parse_phandle_with_args: walk from the start up to the requested slot
    public static OfPhandleEntry? ParseAt(DtNode node, string listName, string? cellsName, int slotIndex, int cellCount = -1, DeviceTreeIndex? index = null)
    {
        if (slotIndex < 0) return null;
        foreach (var (slot, ends) in Slots(node, listName, cellsName, cellCount, index ?? OfLookup.IndexFor(node)))
        {
            if (ends) return slot;
            if (slot.Index == slotIndex) return slot.Phandle == 0 ? null : slot;
        }
        return null;
    }

    /// <summary>One plain phandle (of_parse_phandle), as a <c>*-supply</c> property is read: no argument cells, slot 0 by default.</summary>
    // of_parse_phandle: a fixed count of 0
    public static OfPhandleEntry? ParsePhandle(DtNode node, string propertyName, int slotIndex = 0, DeviceTreeIndex? index = null) =>
        ParseAt(node, propertyName, null, slotIndex, 0, index);

    // of_phandle_iterator_next: one slot per step, empty slots included; Ends marks the error that stops the walk
    internal static IEnumerable<(OfPhandleEntry Slot, bool Ends)> Slots(DtNode node, string listName, string? cellsName, int cellCount, DeviceTreeIndex index)
    {
        var prop = node.GetProperty(listName);
        if (prop is null) yield break;
        var cells = OfLookup.Cells(prop);
        // of_parse_phandle_with_args: no cells name means a fixed count of 0
        var fixedCount = cellsName is null ? Math.Max(0, cellCount) : 0;
        var pos = 0;
        for (var slot = 0; pos < cells.Length; slot++)
        {
            var phandle = cells[pos++];
            long count = 0;
            DtNode? provider = null;
            string? note = null;
            if (phandle != 0)
            {
                provider = OfLookup.ByPhandle(index, phandle);
                if (cellsName is not null)
                {
                    if (provider is null)
                    {
                        yield return (Failed(slot, phandle, null, $"{node.Path}: could not find phandle {phandle}"), true);
                        yield break;
                    }
                    if (provider.GetU32(cellsName) is { } declared) count = declared;
                    else if (cellCount >= 0) count = cellCount;
                    else
                    {
                        yield return (Failed(slot, phandle, provider, $"{node.Path}: could not get {cellsName} for {provider.Path}"), true);
                        yield break;
                    }
                }
                else
                {
                    count = fixedCount;
                    if (provider is null) note = $"{node.Path}: could not find phandle {phandle}";
                }

                if (pos + count > cells.Length)
                {
                    var found = cells.Length - pos;
                    var text = cellsName is not null
                        ? $"{node.Path}: {cellsName} = {count} found {found}"
                        : $"{node.Path}: phandle {provider?.Path ?? phandle.ToString()} needs {count}, found {found}";
                    yield return (Failed(slot, phandle, provider, text), true);
                    yield break;
                }
            }

            var args = cells.AsSpan(pos, (int)count).ToArray();
            pos += (int)count;
            yield return (new OfPhandleEntry(slot, phandle, provider, args, note), false);
        }
    }

    private static OfPhandleEntry Failed(int slot, uint phandle, DtNode? provider, string error) =>
        new(slot, phandle, provider, Array.Empty<uint>(), error);
}
