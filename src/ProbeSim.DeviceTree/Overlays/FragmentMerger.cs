using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>Copies each fragment's <c>__overlay__</c> content into its target in the base.</summary>
internal static class FragmentMerger
{
    // overlay_merge: root children with an __overlay__ subnode are fragments, in order; the others are skipped
    public static void Merge(DtTree baseTree, DtTree overlay)
    {
        foreach (var fragment in overlay.Root.ChildList)
        {
            var content = FdtLookup.Subnode(fragment, "__overlay__");
            if (content is null) continue;
            var target = OverlayTarget.Resolve(baseTree, fragment).Require();
            ApplyNode(target, content);
        }
    }

    // overlay_apply_node: properties first (set), then children (added or reused), recursively
    private static void ApplyNode(DtNode target, DtNode source)
    {
        foreach (var p in source.PropertyList)
            target.SetPropertyFdt(p.Name, (byte[])p.Value.Clone(), p.Markers.Where(m => m.IsType), p.Location);
        foreach (var child in source.ChildList)
            ApplyNode(target.AddSubnodeFdt(child.Name, child.Location), child);
    }
}
