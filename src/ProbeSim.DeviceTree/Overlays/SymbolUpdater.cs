using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>Publishes the overlay's labels in the base's <c>__symbols__</c>, with paths rewritten to the targets.</summary>
internal static class SymbolUpdater
{
    private const string OverlayDir = "/__overlay__/";

    // overlay_symbol_update: symbols under /<fragment>/__overlay__ are rebased onto the fragment's target
    public static void Update(DtTree baseTree, DtTree overlay)
    {
        var overlaySymbols = FdtLookup.Subnode(overlay.Root, "__symbols__");
        if (overlaySymbols is null) return;
        var baseSymbols = baseTree.Root.AddSubnodeFdt("__symbols__");

        foreach (var symbol in overlaySymbols.PropertyList)
        {
            var value = symbol.Value;
            if (value.Length < 1 || Array.IndexOf(value, (byte)0) != value.Length - 1)
                throw new OverlayFailure(FdtError.BadValue, $"__symbols__/{symbol.Name} is not a single string");
            var path = Encoding.UTF8.GetString(value, 0, value.Length - 1);
            if (!path.StartsWith('/'))
                throw new OverlayFailure(FdtError.BadValue, $"__symbols__/{symbol.Name} = \"{path}\" is not an absolute path");

            // only /<fragment>/__overlay__ and /<fragment>/__overlay__/<rel> end up in the base; others are skipped
            var slash = path.IndexOf('/', 1);
            if (slash < 0) continue;
            var fragmentName = path[1..slash];
            var rest = path[slash..];
            string relative;
            if (rest.Length >= OverlayDir.Length && rest.StartsWith(OverlayDir, StringComparison.Ordinal)) relative = rest[OverlayDir.Length..];
            else if (rest == OverlayDir[..^1]) relative = "";
            else continue;

            var fragment = FdtLookup.Subnode(overlay.Root, fragmentName)
                ?? throw new OverlayFailure(FdtError.BadOverlay, $"__symbols__/{symbol.Name} = \"{path}\" names a fragment the overlay does not have");
            if (FdtLookup.Subnode(fragment, "__overlay__") is null)
                throw new OverlayFailure(FdtError.BadOverlay, $"__symbols__/{symbol.Name} = \"{path}\" names a fragment without __overlay__");
            var target = OverlayTarget.Resolve(baseTree, fragment);
            var targetNode = target.Require();

            // a target-path is used as written (even an alias); a phandle target by its full path; the root adds no slash
            var prefix = target.TargetPath ?? targetNode.Path;
            var rebased = prefix.Length > 1 ? prefix + "/" + relative : "/" + relative;
            var bytes = new byte[Encoding.UTF8.GetByteCount(rebased) + 1];
            Encoding.UTF8.GetBytes(rebased, bytes);
            baseSymbols.SetPropertyFdt(symbol.Name, bytes, new[] { new Marker(0, MarkerKind.TypeString, null) }, symbol.Location);
        }
    }
}
