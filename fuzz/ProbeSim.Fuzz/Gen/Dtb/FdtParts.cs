using System.Buffers.Binary;
using System.Text;

namespace ProbeSim.Fuzz.Gen.Dtb;

/// <summary>One token of a blob's structure block, where it is (offset in the block) and, for a property, its fields.</summary>
public sealed record FdtItem(int Offset, uint Token, int NameEnd = 0, int LenOffset = 0, int ValueOffset = 0, int ValueLength = 0);

/// <summary>
/// A flattened device tree split into its blocks so that mutations can edit one block and the blob be put back together
/// with a consistent header (or not: the raw header fields are mutated afterwards).
/// </summary>
public sealed class FdtParts
{
    public const uint Magic = 0xd00dfeed;
    public const uint BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9;

    public uint Version { get; set; } = 17;
    public uint LastCompVersion { get; set; } = 16;
    public uint BootCpu { get; set; }
    public List<byte> ReserveMap { get; } = new();
    public List<byte> Struct { get; } = new();
    public List<byte> Strings { get; } = new();

    /// <summary>Splits a well-formed blob (the seeds are); returns null for anything else.</summary>
    public static FdtParts? Parse(byte[] blob)
    {
        if (blob.Length < 40 || U32(blob, 0) != Magic) return null;
        uint total = U32(blob, 4), offStruct = U32(blob, 8), offStrings = U32(blob, 12), offRsv = U32(blob, 16);
        uint sizeStrings = U32(blob, 32), sizeStruct = U32(blob, 36);
        if (total > blob.Length || offStruct + sizeStruct > total || offStrings + sizeStrings > total || offRsv > offStruct) return null;
        var p = new FdtParts { Version = U32(blob, 20), LastCompVersion = U32(blob, 24), BootCpu = U32(blob, 28) };
        p.ReserveMap.AddRange(blob.AsSpan((int)offRsv, (int)(offStruct - offRsv)).ToArray());
        p.Struct.AddRange(blob.AsSpan((int)offStruct, (int)sizeStruct).ToArray());
        p.Strings.AddRange(blob.AsSpan((int)offStrings, (int)sizeStrings).ToArray());
        return p;
    }

    /// <summary>The blob with a header that agrees with the blocks.</summary>
    public byte[] Assemble()
    {
        int offRsv = 40, offStruct = offRsv + ReserveMap.Count, offStrings = offStruct + Struct.Count;
        int total = offStrings + Strings.Count;
        var b = new byte[total];
        uint[] header = [Magic, (uint)total, (uint)offStruct, (uint)offStrings, (uint)offRsv, Version, LastCompVersion, BootCpu, (uint)Strings.Count, (uint)Struct.Count];
        for (int i = 0; i < header.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i * 4), header[i]);
        ReserveMap.CopyTo(b, offRsv);
        Struct.CopyTo(b, offStruct);
        Strings.CopyTo(b, offStrings);
        return b;
    }

    /// <summary>The tokens of the structure block, as far as they can be walked.</summary>
    public List<FdtItem> Items()
    {
        var items = new List<FdtItem>();
        var s = Struct.ToArray();
        int off = 0;
        while (off + 4 <= s.Length && items.Count < 100_000)
        {
            uint tok = U32(s, off);
            if (tok == BeginNode)
            {
                int end = Array.IndexOf(s, (byte)0, off + 4);
                if (end < 0) break;
                items.Add(new FdtItem(off, tok, NameEnd: end));
                off = Align4(end + 1);
            }
            else if (tok == Prop)
            {
                if (off + 12 > s.Length) break;
                int len = (int)Math.Min(U32(s, off + 4), int.MaxValue);
                if (off + 12 + (long)len > s.Length) break;
                items.Add(new FdtItem(off, tok, LenOffset: off + 4, ValueOffset: off + 12, ValueLength: len));
                off = Align4(off + 12 + len);
            }
            else
            {
                items.Add(new FdtItem(off, tok));
                if (tok == End) break;
                off += 4;
            }
        }
        return items;
    }

    /// <summary>The name of a property item (from the strings block), or "".</summary>
    public string PropertyName(FdtItem item)
    {
        // read in place: copying the whole struct block for every property was quadratic on grown blobs (input 1:129901)
        if (item.Offset + 12 > Struct.Count) return "";
        int nameoff = (int)((uint)Struct[item.Offset + 8] << 24 | (uint)Struct[item.Offset + 9] << 16 | (uint)Struct[item.Offset + 10] << 8 | Struct[item.Offset + 11]);
        if (nameoff < 0 || nameoff >= Strings.Count) return "";
        int end = Strings.IndexOf(0, nameoff);
        return end < 0 ? "" : Encoding.ASCII.GetString(Strings.GetRange(nameoff, end - nameoff).ToArray());
    }

    public static uint U32(byte[] b, int off) => BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(off));

    public static void SetU32(IList<byte> b, int off, uint v)
    {
        if (off < 0 || off + 4 > b.Count) return;
        b[off] = (byte)(v >> 24);
        b[off + 1] = (byte)(v >> 16);
        b[off + 2] = (byte)(v >> 8);
        b[off + 3] = (byte)v;
    }

    public static int Align4(int x) => (x + 3) & ~3;
}
