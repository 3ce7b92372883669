using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>
/// Applies device-tree overlays to a base tree exactly as libfdt's <c>fdt_overlay_apply</c> (dtc 1.8.1) and
/// <c>fdtoverlay</c> do, including where new properties and nodes land (before the existing ones, as a blob edit puts them).
/// As with blobs, only names, properties and values move into the base: labels of overlay nodes are not copied (the overlay's
/// labels reach the base as <c>__symbols__</c> entries), and merged properties keep only their type markers, not references.
/// The overlay's <c>__fixups__</c>, <c>__local_fixups__</c>, <c>__symbols__</c> and fragment nodes are never copied.
/// </summary>
public static class OverlayApplier
{
    /// <summary>
    /// Applies <paramref name="overlay"/> to <paramref name="baseTree"/>, changing the base in place.
    /// The overlay is not modified (the phandle shifts and fixups happen on a private copy).
    /// When the overlay cannot be applied, a <see cref="DeviceTreeException"/> is thrown naming
    /// <paramref name="overlayName"/> and the libfdt error (<c>FDT_ERR_…</c>), and the base is left unchanged
    /// (unlike libfdt, which invalidates it): the application is first tried on a copy.
    /// </summary>
    public static void Apply(DtTree baseTree, DtTree overlay, string? overlayName = null)
    {
        ArgumentNullException.ThrowIfNull(baseTree);
        ArgumentNullException.ThrowIfNull(overlay);
        // fdtoverlay's apply_one: work on copies first, since a failed apply can damage both trees
        Run(baseTree.DeepClone(), overlay, overlayName);
        Run(baseTree, overlay, overlayName);
    }

    /// <summary>Like <see cref="Apply"/>, but returns a new tree and leaves <paramref name="baseTree"/> untouched.</summary>
    public static DtTree ApplyToCopy(DtTree baseTree, DtTree overlay, string? overlayName = null)
    {
        ArgumentNullException.ThrowIfNull(baseTree);
        ArgumentNullException.ThrowIfNull(overlay);
        var result = baseTree.DeepClone();
        Run(result, overlay, overlayName);
        return result;
    }

    /// <summary>
    /// Applies the overlays in order, each to the result of the previous ones (<c>fdtoverlay -i base -o out a.dtbo b.dtbo …</c>),
    /// changing <paramref name="baseTree"/> in place. On failure nothing is changed: the whole sequence is first applied to a copy.
    /// </summary>
    public static void ApplyAll(DtTree baseTree, params IEnumerable<DtTree> overlays) =>
        ApplyAll(baseTree, overlays.Select(o => (o, (string?)null)));

    /// <summary>Like <see cref="ApplyAll(DtTree, IEnumerable{DtTree})"/>, with a name per overlay for error messages.</summary>
    public static void ApplyAll(DtTree baseTree, IEnumerable<(DtTree Overlay, string? Name)> overlays)
    {
        ArgumentNullException.ThrowIfNull(baseTree);
        var list = overlays.ToList();
        var trial = baseTree.DeepClone();
        foreach (var (overlay, name) in list) Run(trial, overlay, name);
        foreach (var (overlay, name) in list) Run(baseTree, overlay, name);
    }

    /// <summary>Applies the overlays in order to a copy of <paramref name="baseTree"/> and returns it.</summary>
    public static DtTree ApplyAllToCopy(DtTree baseTree, params IEnumerable<DtTree> overlays)
    {
        ArgumentNullException.ThrowIfNull(baseTree);
        var result = baseTree.DeepClone();
        foreach (var overlay in overlays) Run(result, overlay, null);
        return result;
    }

    private static void Run(DtTree baseTree, DtTree overlay, string? overlayName)
    {
        var baseHasSymbols = FdtLookup.Subnode(baseTree.Root, "__symbols__") is not null;
        try
        {
            ApplyCore(baseTree, overlay.DeepClone());
        }
        catch (OverlayFailure failure)
        {
            throw Describe(baseHasSymbols, overlayName, failure);
        }
        if (ResultLimits.Check(baseTree) is { } tooBig)
            throw new DeviceTreeException(new Diagnostic(Severity.Error, $"Failed to apply '{overlayName ?? "<overlay>"}': {tooBig}", File: overlayName ?? "<overlay>"));
    }

    // fdt_overlay_apply: the steps, in libfdt's order
    private static void ApplyCore(DtTree baseTree, DtTree overlay)
    {
        // fdt_find_max_phandle: the shift for the overlay's own phandles
        var delta = FdtLookup.MaxPhandle(baseTree);
        LocalPhandles.Adjust(overlay.Root, delta);
        LocalPhandles.UpdateReferences(overlay, delta);
        ExternalFixups.Apply(baseTree, overlay);
        PhandleOverwrite.Prevent(baseTree, overlay);
        FragmentMerger.Merge(baseTree, overlay);
        SymbolUpdater.Update(baseTree, overlay);
    }

    private static DeviceTreeException Describe(bool baseHasSymbols, string? overlayName, OverlayFailure failure)
    {
        var file = overlayName ?? "<overlay>";
        var diagnostics = new List<Diagnostic>
        {
            new(Severity.Error, $"Failed to apply '{file}': {failure.Error.Name()}: {failure.Message}", File: file),
        };
        // fdtoverlay's hint when the base was compiled without -@
        if (!baseHasSymbols)
            diagnostics.Add(new Diagnostic(Severity.Warning,
                "base tree does not have a '/__symbols__' node, make sure you have compiled the base with the '-@' option", File: file));
        return new DeviceTreeException(diagnostics);
    }
}
