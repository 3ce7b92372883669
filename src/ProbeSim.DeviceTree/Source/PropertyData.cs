using System.Buffers.Binary;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

/// <summary>A property value under construction with its markers (dtc's <c>struct data</c>).</summary>
internal sealed class PropertyData
{
    private byte[] _bytes;

    public PropertyData(int capacity = 16) => _bytes = capacity == 0 ? Array.Empty<byte>() : new byte[capacity];

    public static PropertyData Empty() => new(0);

    private List<Marker>? _markers;

    public int Length { get; private set; }

    public List<Marker> Markers => _markers ??= new List<Marker>(2);

    public bool HasMarkers => _markers is { Count: > 0 };

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    /// <summary>The value as an array of its exact length (the buffer itself when it fits exactly).</summary>
    public byte[] ToArray() => Length == _bytes.Length ? _bytes : Span.ToArray();

    private Span<byte> Grow(int n)
    {
        if (Length + n > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + n));
        var s = _bytes.AsSpan(Length, n);
        Length += n;
        return s;
    }

    // data_add_marker
    public void AddMarker(MarkerKind kind, string? reference = null) => Markers.Add(new Marker(Length, kind, reference));

    public void AppendBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Grow(bytes.Length));

    public void AppendByte(byte b) => Grow(1)[0] = b;

    // data_append_integer: big-endian, truncated to the element size
    public void AppendInteger(ulong value, int bits)
    {
        switch (bits)
        {
            case 8: Grow(1)[0] = (byte)value; break;
            case 16: BinaryPrimitives.WriteUInt16BigEndian(Grow(2), (ushort)value); break;
            case 32: BinaryPrimitives.WriteUInt32BigEndian(Grow(4), (uint)value); break;
            default: BinaryPrimitives.WriteUInt64BigEndian(Grow(8), value); break;
        }
    }

    // data_merge: append the other value, shifting its markers
    public void Append(PropertyData other)
    {
        var offset = Length;
        AppendBytes(other.Span);
        if (!other.HasMarkers) return;
        foreach (var m in other.Markers) Markers.Add(m with { Offset = m.Offset + offset });
    }
}
