using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>Small shared readers for the OF parsers: phandle lookup and raw cell access with the kernel's length rules.</summary>
internal static class OfLookup
{
    /// <summary>A phandle index of the whole tree <paramref name="node"/> belongs to.</summary>
    public static DeviceTreeIndex IndexFor(DtNode node)
    {
        var root = node;
        while (root.Parent is not null) root = root.Parent;
        return new DeviceTreeIndex(root);
    }

    // of_find_node_by_phandle: 0 never names a node; duplicates resolve to the first node in tree order
    public static DtNode? ByPhandle(DeviceTreeIndex index, uint phandle) => phandle == 0 ? null : index.ByPhandle(phandle);

    // of_phandle_iterator_init: the list ends at the last whole cell; trailing bytes are ignored
    public static uint[] Cells(DtProperty property)
    {
        var cells = new uint[property.Length / 4];
        for (var i = 0; i < cells.Length; i++) cells[i] = property.GetU32(i);
        return cells;
    }

    /// <summary>MAX_PHANDLE_ARGS: the most argument cells an of_phandle_args holds.</summary>
    public const int MaxPhandleArgs = 16;
}
