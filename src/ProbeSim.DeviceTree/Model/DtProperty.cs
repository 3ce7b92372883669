using System.Buffers.Binary;
using System.Text;

namespace ProbeSim.DeviceTree.Model;

/// <summary>A device-tree property: a name and a byte value, with dtc's labels and markers when it came from source.</summary>
public sealed class DtProperty
{
    public DtProperty(string name, byte[] value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    /// <summary>The raw value, big-endian cells as in a blob.</summary>
    public byte[] Value { get; set; }

    private List<string>? _labels;
    private List<Marker>? _markers;

    /// <summary>Labels on the property, in dtc's list order (the most recently added first).</summary>
    public List<string> Labels => _labels ??= new List<string>(1);

    public bool HasLabels => _labels is { Count: > 0 };

    /// <summary>Type hints and references inside the value, ordered by offset (empty for properties read from a blob).</summary>
    public List<Marker> Markers => _markers ??= new List<Marker>(2);

    public bool HasMarkers => _markers is { Count: > 0 };

    /// <summary>Takes over a marker list built elsewhere (the parser's), without copying it.</summary>
    internal void AdoptMarkers(List<Marker> markers) => _markers = markers;

    public SourceLocation? Location { get; set; }

    public int Length => Value.Length;

    public bool IsEmpty => Value.Length == 0;

    /// <summary>The 32-bit cell at <paramref name="index"/> (big-endian).</summary>
    public uint GetU32(int index = 0) => BinaryPrimitives.ReadUInt32BigEndian(Value.AsSpan(index * 4, 4));

    /// <summary>The 64-bit value made of two cells starting at cell <paramref name="cellIndex"/>.</summary>
    public ulong GetU64(int cellIndex = 0) => BinaryPrimitives.ReadUInt64BigEndian(Value.AsSpan(cellIndex * 4, 8));

    /// <summary>A number made of <paramref name="cells"/> cells (0, 1 or 2; more cells keep the low 64 bits, as of_read_number does).</summary>
    public ulong ReadNumber(int cellIndex, int cells)
    {
        ulong v = 0;
        for (var i = 0; i < cells; i++) v = (v << 32) | GetU32(cellIndex + i);
        return v;
    }

    public int CellCount => Value.Length / 4;

    /// <summary>The value as cells, or null when its length is not a multiple of 4.</summary>
    public uint[]? ToCells()
    {
        if (Value.Length % 4 != 0) return null;
        var cells = new uint[Value.Length / 4];
        for (var i = 0; i < cells.Length; i++) cells[i] = GetU32(i);
        return cells;
    }

    /// <summary>The value as one string (up to the first NUL), or null when it is not NUL-terminated.</summary>
    public string? AsString()
    {
        if (Value.Length == 0 || Value[^1] != 0) return null;
        var end = Array.IndexOf(Value, (byte)0);
        return Encoding.UTF8.GetString(Value, 0, end);
    }

    /// <summary>The value as a list of NUL-terminated strings (empty when it is not such a list).</summary>
    /// <remarks>
    /// Decoded once per value (a boot reads every node's <c>compatible</c> many times): the decoding is kept with the
    /// array it came from, so a new <see cref="Value"/> decodes again; a writer that changes the bytes in place calls
    /// <see cref="ValueChanged"/>. The pair is published as one object, so threads reading one tree see either.
    /// </remarks>
    public IReadOnlyList<string> AsStringList()
    {
        var value = Value;
        if (_strings is { } cached && ReferenceEquals(cached.Of, value)) return cached.Strings;
        var strings = DecodeStrings(value);
        _strings = new DecodedStrings(value, strings);
        return strings;
    }

    private sealed record DecodedStrings(byte[] Of, string[] Strings);

    private DecodedStrings? _strings;

    /// <summary>Forgets decodings of the value: for a writer that changed its bytes in place.</summary>
    internal void ValueChanged() => _strings = null;

    private static string[] DecodeStrings(byte[] value)
    {
        if (value.Length == 0 || value[^1] != 0) return Array.Empty<string>();
        var list = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != 0) continue;
            list.Add(Encoding.UTF8.GetString(value, start, i - start));
            start = i + 1;
        }
        return list.ToArray();
    }

    public DtProperty Clone()
    {
        var p = new DtProperty(Name, (byte[])Value.Clone()) { Location = Location };
        if (HasLabels) p.Labels.AddRange(Labels);
        if (HasMarkers) p.Markers.AddRange(Markers);
        return p;
    }

    public override string ToString() => $"{Name} ({Value.Length} bytes)";
}
