namespace ProbeSim.DeviceTree.Model;

/// <summary>What dtc remembers about a stretch of a property value (dtc's marker types).</summary>
public enum MarkerKind
{
    /// <summary>The bytes from here are 8-bit values (<c>[..]</c> or <c>/bits/ 8</c>).</summary>
    TypeUInt8,
    TypeUInt16,
    TypeUInt32,
    TypeUInt64,
    /// <summary>The bytes from here are a NUL-terminated string.</summary>
    TypeString,
    /// <summary>A label inside the value (<c>&lt;a: 1&gt;</c>).</summary>
    Label,
    /// <summary>A 32-bit cell at this offset holds the phandle of <see cref="Marker.Ref"/>.</summary>
    RefPhandle,
    /// <summary>The full path of <see cref="Marker.Ref"/> is inserted at this offset.</summary>
    RefPath,
}

/// <summary>A marker at a byte offset of a property value. <see cref="Ref"/> is a label, a path or <c>label/path</c>.</summary>
public readonly record struct Marker(int Offset, MarkerKind Kind, string? Ref)
{
    public bool IsType => Kind <= MarkerKind.TypeString;
}
