using System.Buffers.Binary;
using System.Text;

namespace ProbeSim.Acpi.Tables;

/// <summary>
/// Little-endian reads from one table's bytes. Every read is checked: a field past the end of the bytes is an
/// <see cref="AcpiTableException"/> naming the field, never an index error. Parsers check lengths first and give a
/// better message; this is the backstop.
/// </summary>
internal sealed class TableBytes
{
    private readonly byte[] _data;

    public TableBytes(string file, byte[] data)
    {
        File = file;
        _data = data;
    }

    public string File { get; }

    public int Length => _data.Length;

    public AcpiTableException Fail(long offset, string reason) => new(File, offset, reason);

    public byte U8(long offset, string what) => Slice(offset, 1, what)[0];

    public ushort U16(long offset, string what) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(offset, 2, what));

    public uint U32(long offset, string what) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(offset, 4, what));

    public ulong U64(long offset, string what) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(offset, 8, what));

    /// <summary>Bytes as Latin-1 characters, cut at the first NUL (ACPI IDs are ASCII, padded with NUL or spaces).</summary>
    public string Text(long offset, int length, string what)
    {
        var span = Slice(offset, length, what);
        int nul = span.IndexOf((byte)0);
        if (nul >= 0) span = span[..nul];
        return Encoding.Latin1.GetString(span);
    }

    public ReadOnlySpan<byte> Slice(long offset, int length, string what)
    {
        if (offset < 0 || length < 0 || offset + length > _data.Length)
            throw Fail(offset, $"{what} ({length} bytes) runs past the end of the table ({_data.Length} bytes)");
        return _data.AsSpan((int)offset, length);
    }
}
