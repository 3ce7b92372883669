using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>Where a fragment goes in the base: the node, or why it cannot be found.</summary>
internal readonly record struct OverlayTarget(DtNode? Node, FdtError Error, string? TargetPath, string Detail)
{
    // fdt_overlay_target_offset: "target" (a phandle) first, then "target-path" (a path or alias)
    public static OverlayTarget Resolve(DtTree baseTree, DtNode fragment)
    {
        var where = $"fragment {fragment.Path}";
        // overlay_get_target_phandle: a target that is not one cell, or is 0xffffffff, is malformed
        var target = FdtLookup.Prop(fragment, "target");
        uint phandle = 0;
        if (target is not null)
        {
            if (target.Length != 4 || target.GetU32() == 0xffffffff)
                return Fail(FdtError.BadPhandle, $"{where} has a malformed 'target'");
            phandle = target.GetU32();
        }
        if (phandle != 0)
        {
            var byPhandle = FdtLookup.NodeByPhandle(baseTree, phandle);
            return byPhandle is null
                ? Fail(FdtError.NotFound, $"{where}: target phandle 0x{phandle:x} is not in the base")
                : new OverlayTarget(byPhandle, default, null, "");
        }
        var pathProp = FdtLookup.Prop(fragment, "target-path");
        if (pathProp is null)
            return Fail(FdtError.BadOverlay, $"{where} has an __overlay__ but neither 'target' nor 'target-path'");
        var path = FdtLookup.CString(pathProp.Value);
        var node = FdtLookup.Path(baseTree, path, out var error);
        return node is null
            ? Fail(error, $"{where}: target-path \"{path}\" is not in the base")
            : new OverlayTarget(node, default, path, "");
    }

    private static OverlayTarget Fail(FdtError error, string detail) => new(null, error, null, detail);

    /// <summary>The node, or an <see cref="OverlayFailure"/> when it was not found.</summary>
    public DtNode Require() => Node ?? throw new OverlayFailure(Error, Detail);
}
