using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>Resolves the overlay's references to labels of the base through the base's <c>__symbols__</c>.</summary>
internal static class ExternalFixups
{
    // overlay_fixup_phandles: each __fixups__ property names a base label and lists where its phandle goes
    public static void Apply(DtTree baseTree, DtTree overlay)
    {
        var fixups = FdtLookup.Subnode(overlay.Root, "__fixups__");
        if (fixups is null) return;
        var symbols = FdtLookup.Subnode(baseTree.Root, "__symbols__");
        foreach (var fixup in fixups.PropertyList) ApplyOne(baseTree, overlay, symbols, fixup);
    }

    // overlay_fixup_phandle: the label's node must exist in the base and have a phandle, then every location is patched
    private static void ApplyOne(DtTree baseTree, DtTree overlay, DtNode? symbols, DtProperty fixup)
    {
        var label = fixup.Name;
        // fdt_getprop on the missing node's offset fails with FDT_ERR_BADOFFSET
        if (symbols is null)
            throw new OverlayFailure(FdtError.BadOffset, $"__fixups__ needs label '{label}' but the base has no /__symbols__ node (compile the base with -@)");
        var symbol = FdtLookup.Prop(symbols, label)
            ?? throw new OverlayFailure(FdtError.NotFound, $"__fixups__ needs label '{label}' which the base's /__symbols__ does not define");
        var symbolPath = FdtLookup.CString(symbol.Value);
        var node = FdtLookup.Path(baseTree, symbolPath, out var error)
            ?? throw new OverlayFailure(error, $"label '{label}' points to '{symbolPath}', which is not a node of the base");
        var phandle = FdtLookup.Phandle(node);
        if (phandle == 0)
            throw new OverlayFailure(FdtError.NotFound, $"label '{label}' points to {symbolPath}, which has no phandle");

        var value = fixup.Value;
        var pos = 0;
        var remaining = value.Length;
        do
        {
            var end = Array.IndexOf(value, (byte)0, pos, remaining);
            if (end < 0)
                throw new OverlayFailure(FdtError.BadOverlay, $"__fixups__/{label} is not a list of NUL-terminated strings");
            var text = Encoding.UTF8.GetString(value, pos, end - pos);
            remaining -= end - pos + 1;
            pos = end + 1;
            var entry = FixupEntry.Parse(text)
                ?? throw new OverlayFailure(FdtError.BadOverlay, $"__fixups__/{label} entry \"{text}\" is not of the form path:property:offset");
            PatchOne(overlay, label, entry, phandle);
        } while (remaining > 0);
    }

    // overlay_fixup_one_phandle: write the phandle at path:property:offset of the overlay
    private static void PatchOne(DtTree overlay, string label, FixupEntry entry, uint phandle)
    {
        if (entry.Path.Length == 0)
            throw new OverlayFailure(FdtError.BadPath, $"__fixups__/{label} entry \"{entry}\" has an empty path");
        var node = FdtLookup.Path(overlay, entry.Path, out var error);
        if (node is null)
            throw new OverlayFailure(error == FdtError.NotFound ? FdtError.BadOverlay : error,
                $"__fixups__/{label} entry \"{entry}\" names a node the overlay does not have");
        var prop = FdtLookup.Prop(node, entry.Property)
            ?? throw new OverlayFailure(FdtError.NotFound, $"__fixups__/{label} entry \"{entry}\" names a property the overlay node does not have");
        // fdt_setprop_inplace_namelen_partial: the 4 bytes must lie inside the property
        if (entry.Offset < 0 || (long)entry.Offset + 4 > prop.Length)
            throw new OverlayFailure(FdtError.NoSpace, $"__fixups__/{label} entry \"{entry}\" is outside the {prop.Length}-byte property");
        FdtLookup.WriteU32(prop.Value, entry.Offset, phandle);
        if (entry.Property is "phandle" or "linux,phandle") node.SyncPhandle();
    }
}
