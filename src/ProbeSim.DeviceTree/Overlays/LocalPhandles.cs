using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>Moves the overlay's own phandles, and the references to them, past the base's phandles.</summary>
internal static class LocalPhandles
{
    // overlay_adjust_local_phandles: every phandle in the overlay moves past the base's largest
    public static void Adjust(DtNode overlayRoot, uint delta)
    {
        foreach (var node in overlayRoot.SelfAndDescendants())
        {
            // overlay_adjust_node_phandles: both "phandle" and "linux,phandle" are shifted
            AddOffset(node, "phandle", delta);
            AddOffset(node, "linux,phandle", delta);
            node.SyncPhandle();
        }
    }

    // overlay_phandle_add_offset: a 4-byte phandle grows by delta unless that overflows or gives 0xffffffff
    private static void AddOffset(DtNode node, string name, uint delta)
    {
        var p = FdtLookup.Prop(node, name);
        if (p is null) return;
        if (p.Length != 4)
            throw new OverlayFailure(FdtError.BadPhandle, $"'{name}' of overlay node {node.Path} is {p.Length} bytes long, not 4");
        var value = p.GetU32();
        var sum = (ulong)value + delta;
        if (sum > uint.MaxValue || sum == 0xffffffff)
            throw new OverlayFailure(FdtError.NoPhandles, $"phandle 0x{value:x} of overlay node {node.Path} plus 0x{delta:x} overflows");
        FdtLookup.WriteU32(p.Value, 0, (uint)sum);
    }

    // overlay_update_local_references: every cell that __local_fixups__ lists grows by delta
    public static void UpdateReferences(DtTree overlay, uint delta)
    {
        var fixups = FdtLookup.Subnode(overlay.Root, "__local_fixups__");
        if (fixups is null) return;
        ForEachCell(overlay.Root, fixups, cell => cell + delta);
    }

    /// <summary>
    /// Walks <c>__local_fixups__</c> alongside the overlay tree and rewrites each listed cell
    /// (overlay_update_local_node_references and overlay_update_node_conflicting_references share this walk).
    /// </summary>
    public static void ForEachCell(DtNode treeNode, DtNode fixupNode, Func<uint, uint> rewrite)
    {
        foreach (var fixup in fixupNode.PropertyList)
        {
            if (fixup.Length % 4 != 0)
                throw new OverlayFailure(FdtError.BadOverlay, $"__local_fixups__ entry '{fixup.Name}' for {treeNode.Path} is {fixup.Length} bytes long, not a multiple of 4");
            var target = FdtLookup.Prop(treeNode, fixup.Name)
                ?? throw new OverlayFailure(FdtError.BadOverlay, $"__local_fixups__ names property '{fixup.Name}' that overlay node {treeNode.Path} does not have");
            for (var i = 0; i < fixup.CellCount; i++)
            {
                var offset = fixup.GetU32(i);
                if ((ulong)offset + 4 > (ulong)target.Length)
                    throw new OverlayFailure(FdtError.BadOverlay, $"__local_fixups__ offset {offset} is outside '{fixup.Name}' ({target.Length} bytes) of overlay node {treeNode.Path}");
                FdtLookup.WriteU32(target.Value, (int)offset, rewrite(FdtLookup.ReadU32(target.Value, (int)offset)));
            }
            if (fixup.Name is "phandle" or "linux,phandle") treeNode.SyncPhandle();
        }
        foreach (var fixupChild in fixupNode.ChildList)
        {
            var treeChild = FdtLookup.Subnode(treeNode, fixupChild.Name)
                ?? throw new OverlayFailure(FdtError.BadOverlay, $"__local_fixups__ names node '{fixupChild.Name}' that overlay node {treeNode.Path} does not have");
            ForEachCell(treeChild, fixupChild, rewrite);
        }
    }
}
