using System.Buffers.Binary;
using System.Text;
using ProbeSim.DeviceTree.Binary;

namespace ProbeSim.DeviceTree.Tests.Binary;

/// <summary>Builds blobs token by token, including broken ones. Layout as dtc's: header, reserve map, struct, strings.</summary>
internal sealed class RawFdt
{
    private readonly List<byte> _struct = new();
    private readonly List<byte> _strings = new();
    private readonly List<(ulong, ulong)> _reserve = new();

    public int StructOffset => 40 + (_reserve.Count + 1) * 16;

    /// <summary>Absolute offset the next struct word will have.</summary>
    public int Here => StructOffset + _struct.Count;

    public RawFdt Word(uint w)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, w);
        _struct.AddRange(b.ToArray());
        return this;
    }

    public RawFdt RawBytes(params byte[] bytes)
    {
        _struct.AddRange(bytes);
        return this;
    }

    public RawFdt Begin(string name)
    {
        Word(FdtConstants.BeginNode);
        _struct.AddRange(Encoding.ASCII.GetBytes(name));
        _struct.Add(0);
        while (_struct.Count % 4 != 0) _struct.Add(0);
        return this;
    }

    public RawFdt EndNode() => Word(FdtConstants.EndNode);

    public RawFdt End() => Word(FdtConstants.End);

    public RawFdt Prop(uint nameOff, params byte[] value)
    {
        Word(FdtConstants.Prop).Word((uint)value.Length).Word(nameOff);
        _struct.AddRange(value);
        while (_struct.Count % 4 != 0) _struct.Add(0);
        return this;
    }

    public uint String(string s)
    {
        var off = (uint)_strings.Count;
        _strings.AddRange(Encoding.ASCII.GetBytes(s));
        _strings.Add(0);
        return off;
    }

    public RawFdt Reserve(ulong address, ulong size)
    {
        _reserve.Add((address, size));
        return this;
    }

    public byte[] Build()
    {
        var total = StructOffset + _struct.Count + _strings.Count;
        var b = new byte[total];
        var s = b.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(s[0..], FdtConstants.Magic);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], (uint)StructOffset);
        BinaryPrimitives.WriteUInt32BigEndian(s[12..], (uint)(StructOffset + _struct.Count));
        BinaryPrimitives.WriteUInt32BigEndian(s[16..], 40);
        BinaryPrimitives.WriteUInt32BigEndian(s[20..], 17);
        BinaryPrimitives.WriteUInt32BigEndian(s[24..], 16);
        BinaryPrimitives.WriteUInt32BigEndian(s[32..], (uint)_strings.Count);
        BinaryPrimitives.WriteUInt32BigEndian(s[36..], (uint)_struct.Count);
        var pos = 40;
        foreach (var (a, z) in _reserve)
        {
            BinaryPrimitives.WriteUInt64BigEndian(s[pos..], a);
            BinaryPrimitives.WriteUInt64BigEndian(s[(pos + 8)..], z);
            pos += 16;
        }
        _struct.CopyTo(b, StructOffset);
        _strings.CopyTo(b, StructOffset + _struct.Count);
        return b;
    }

    public static void SetU32(byte[] blob, int offset, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(offset), value);

    public static uint GetU32(byte[] blob, int offset) => BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(offset));

    /// <summary>A small valid blob: root with one property and one child.</summary>
    public static (byte[] Blob, RawFdt Raw) Simple()
    {
        var r = new RawFdt();
        var compat = r.String("compatible");
        var reg = r.String("reg");
        r.Begin("").Prop(compat, Encoding.ASCII.GetBytes("acme,board\0"))
            .Begin("child@1").Prop(reg, 0, 0, 0, 1).EndNode()
            .EndNode().End();
        return (r.Build(), r);
    }
}
