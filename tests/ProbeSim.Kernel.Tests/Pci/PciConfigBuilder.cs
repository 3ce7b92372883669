using System.Buffers.Binary;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>Writes small configuration-space images for sysfs dump tests.</summary>
internal sealed class PciConfigBuilder
{
    private readonly byte[] _b;
    private int _lastCap;
    private int _nextCap = 0x40;
    private int _lastExt = -1;
    private int _nextExt = 0x100;

    public PciConfigBuilder(int size, ushort vendor, ushort device, uint classCode, int headerType, bool multifunction = false)
    {
        _b = new byte[size];
        U16(0x00, vendor);
        U16(0x02, device);
        U32(0x08, classCode << 8 | 0x01);
        _b[0x0e] = (byte)(headerType | (multifunction ? 0x80 : 0));
        _lastCap = headerType == 2 ? 0x14 : 0x34;
    }

    public byte[] Bytes => _b;

    public PciConfigBuilder U16(int at, ushort v) { BinaryPrimitives.WriteUInt16LittleEndian(_b.AsSpan(at), v); return this; }

    public PciConfigBuilder U32(int at, uint v) { BinaryPrimitives.WriteUInt32LittleEndian(_b.AsSpan(at), v); return this; }

    public PciConfigBuilder Buses(byte primary, byte secondary, byte subordinate)
    {
        _b[0x18] = primary;
        _b[0x19] = secondary;
        _b[0x1a] = subordinate;
        return this;
    }

    /// <summary>Appends a standard capability (sets status bit 4 and links it).</summary>
    public PciConfigBuilder Cap(byte id, int length = 8)
    {
        _b[0x06] |= 0x10;
        var at = _nextCap;
        _b[_lastCap] = (byte)at;
        _b[at] = id;
        _b[at + 1] = 0;
        _lastCap = at + 1;
        _nextCap += length;
        return this;
    }

    /// <summary>A PCIe capability with the given device/port type.</summary>
    public PciConfigBuilder Pcie(int type)
    {
        var at = _nextCap;
        Cap(0x10, 0x3c);
        return U16(at + 2, (ushort)(0x0002 | type << 4));
    }

    /// <summary>Appends an extended capability and returns the builder.</summary>
    public PciConfigBuilder Ext(ushort id, int length, Action<int>? body = null)
    {
        var at = _nextExt;
        U32(at, (uint)id | 1u << 16);
        if (_lastExt >= 0)
        {
            var prev = BinaryPrimitives.ReadUInt32LittleEndian(_b.AsSpan(_lastExt));
            U32(_lastExt, prev & 0x000fffff | (uint)at << 20);
        }
        _lastExt = at;
        _nextExt += length;
        body?.Invoke(at);
        return this;
    }

    public PciConfigBuilder Acs(ushort cap, ushort ctrl) => Ext(0x000d, 8, at => { U16(at + 4, cap); U16(at + 6, ctrl); });

    public void WriteTo(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(System.IO.Path.Combine(dir, "config"), _b);
    }
}
