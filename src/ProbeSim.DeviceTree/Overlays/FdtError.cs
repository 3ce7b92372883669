namespace ProbeSim.DeviceTree.Overlays;

/// <summary>The libfdt error codes an overlay application can end with (named as <c>fdt_strerror</c> prints them).</summary>
internal enum FdtError
{
    /// <summary>FDT_ERR_NOTFOUND: a node, property, label or phandle the overlay needs is missing.</summary>
    NotFound,
    /// <summary>FDT_ERR_EXISTS.</summary>
    Exists,
    /// <summary>FDT_ERR_NOSPACE: a fixup writes past the end of its property.</summary>
    NoSpace,
    /// <summary>FDT_ERR_BADOFFSET: libfdt's answer when the overlay has <c>__fixups__</c> and the base has no <c>__symbols__</c>.</summary>
    BadOffset,
    /// <summary>FDT_ERR_BADPATH: an empty path or an unknown alias.</summary>
    BadPath,
    /// <summary>FDT_ERR_BADPHANDLE: a phandle property of the wrong size, or a target of 0xffffffff.</summary>
    BadPhandle,
    /// <summary>FDT_ERR_BADVALUE: an overlay <c>__symbols__</c> entry that is not a single absolute path string.</summary>
    BadValue,
    /// <summary>FDT_ERR_NOPHANDLES: shifting the overlay's phandles overflows.</summary>
    NoPhandles,
    /// <summary>FDT_ERR_BADOVERLAY: the overlay's own bookkeeping is inconsistent.</summary>
    BadOverlay,
    /// <summary>FDT_ERR_INTERNAL.</summary>
    Internal,
}

/// <summary>Names and raising of <see cref="FdtError"/>s.</summary>
internal static class FdtErrors
{
    public static string Name(this FdtError error) => error switch
    {
        FdtError.NotFound => "FDT_ERR_NOTFOUND",
        FdtError.Exists => "FDT_ERR_EXISTS",
        FdtError.NoSpace => "FDT_ERR_NOSPACE",
        FdtError.BadOffset => "FDT_ERR_BADOFFSET",
        FdtError.BadPath => "FDT_ERR_BADPATH",
        FdtError.BadPhandle => "FDT_ERR_BADPHANDLE",
        FdtError.BadValue => "FDT_ERR_BADVALUE",
        FdtError.NoPhandles => "FDT_ERR_NOPHANDLES",
        FdtError.BadOverlay => "FDT_ERR_BADOVERLAY",
        _ => "FDT_ERR_INTERNAL",
    };
}

/// <summary>Thrown inside the applier; <see cref="OverlayApplier"/> turns it into a <c>DeviceTreeException</c> naming the overlay.</summary>
internal sealed class OverlayFailure : Exception
{
    public OverlayFailure(FdtError error, string detail) : base(detail) => Error = error;

    public FdtError Error { get; }
}
