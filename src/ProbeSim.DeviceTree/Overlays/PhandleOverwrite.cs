using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>Keeps the base's phandles when an overlay node that has one is merged onto a base node that has one.</summary>
internal static class PhandleOverwrite
{
    // overlay_prevent_phandle_overwrite: for each fragment whose target exists, compare the overlay with the base node by node
    public static void Prevent(DtTree baseTree, DtTree overlay)
    {
        foreach (var fragment in overlay.Root.Children.ToArray())
        {
            var content = FdtLookup.Subnode(fragment, "__overlay__");
            if (content is null) continue;
            var target = OverlayTarget.Resolve(baseTree, fragment);
            if (target.Node is null)
            {
                // a target that is not found is left for overlay_merge to report
                if (target.Error == FdtError.NotFound) continue;
                target.Require();
            }
            PreventNode(overlay, target.Node!, content);
        }
    }

    // overlay_prevent_phandle_overwrite_node: the overlay node takes the base's phandle, and so do the overlay's references to it
    private static void PreventNode(DtTree overlay, DtNode baseNode, DtNode overlayNode)
    {
        var basePhandle = FdtLookup.Phandle(baseNode);
        var overlayPhandle = FdtLookup.Phandle(overlayNode);
        if (basePhandle != 0 && overlayPhandle != 0)
        {
            // overlay_adjust_local_conflicting_phandle: only 4-byte phandle properties are rewritten
            foreach (var name in new[] { "phandle", "linux,phandle" })
            {
                var p = FdtLookup.Prop(overlayNode, name);
                if (p is { Length: 4 }) FdtLookup.WriteU32(p.Value, 0, basePhandle);
            }
            overlayNode.SyncPhandle();
            // overlay_update_local_conflicting_references: cells listed in __local_fixups__ that held the old value
            var fixups = FdtLookup.Subnode(overlay.Root, "__local_fixups__");
            if (fixups is not null)
                LocalPhandles.ForEachCell(overlay.Root, fixups, cell => cell == overlayPhandle ? basePhandle : cell);
        }
        foreach (var overlayChild in overlayNode.ChildList)
        {
            var baseChild = FdtLookup.Subnode(baseNode, overlayChild.Name);
            if (baseChild is not null) PreventNode(overlay, baseChild, overlayChild);
        }
    }
}
