using System.Buffers.Binary;

namespace ProbeSim.Kernel.Pci;

/// <summary>
/// What the model needs from one function's configuration space (a sysfs <c>config</c> file): the fields
/// <c>pci_setup_device</c>, <c>set_pcie_port_type</c> and <c>pci_acs_init</c> read. Files may be short (64 bytes
/// for a non-root reader, 256 without extended space); what is missing is treated as absent.
/// </summary>
public sealed class PciConfigSpace
{
    public const int PciCapIdExp = 0x10;
    public const int PciExtCapIdAcs = 0x000d;
    public const int PciCapIdSsvid = 0x0d;

    private PciConfigSpace() { }

    public int Length { get; private init; }

    public ushort VendorId { get; private init; }

    public ushort DeviceId { get; private init; }

    /// <summary>The dword at 0xf0 of a normal header (an Intel LPC's RCBA); null when the file stops before it.</summary>
    public uint? IntelLpcRcba { get; private init; }

    public uint ClassCode { get; private init; }

    /// <summary>
    /// <c>dev->subsystem_vendor</c> as pci_setup_device reads it: offset 0x2c of a normal header, +4 of a bridge's
    /// SSVID capability (0x0d; 0 without one), 0x40 of a CardBus header (null when the file stops before it).
    /// </summary>
    public ushort? SubsystemVendorId { get; private init; }

    /// <summary><c>dev->subsystem_device</c>: offset 0x2e, SSVID capability +6, or CardBus 0x42 (see <see cref="SubsystemVendorId"/>).</summary>
    public ushort? SubsystemDeviceId { get; private init; }

    public PciHeaderType HeaderType { get; private init; }

    /// <summary>Header type bit 7.</summary>
    public bool MultifunctionBit { get; private init; }

    /// <summary>Bridge bus registers (offsets 0x18-0x1a), null for a normal header.</summary>
    public (byte Primary, byte Secondary, byte Subordinate)? BusNumbers { get; private init; }

    /// <summary>Standard capabilities in chain order: (id, offset).</summary>
    public IReadOnlyList<(byte Id, int Offset)> Capabilities { get; private init; } = [];

    /// <summary>Extended capabilities in chain order: (id, offset).</summary>
    public IReadOnlyList<(ushort Id, int Offset)> ExtendedCapabilities { get; private init; } = [];

    /// <summary>Device/port type from the PCIe capability, null without one.</summary>
    public PciExpressType? PcieType { get; private init; }

    public PciAcsCapability? Acs { get; private init; }

    /// <summary>The word at ACS+8 (where Intel Sunrise/Union Point root ports keep ACS control); null without it.</summary>
    public PciAcsFlags? IntelSptAcsControl { get; private init; }

    /// <summary>Things that could not be read because the file stops early.</summary>
    public IReadOnlyList<string> Notes { get; private init; } = [];

    /// <summary>Decodes <paramref name="bytes"/>; malformed content throws with <paramref name="file"/> and the byte offset.</summary>
    public static PciConfigSpace Decode(ReadOnlySpan<byte> bytes, string file)
    {
        PciTopologyException Bad(int offset, string reason) => new(new PciSourceLocation(file, 0, 0, offset), reason);

        if (bytes.Length < 64)
            throw Bad(bytes.Length, $"config space is {bytes.Length} bytes; the standard header needs 64");
        var notes = new List<string>();
        var b = bytes;
        var vendor = BinaryPrimitives.ReadUInt16LittleEndian(b);
        if (vendor is 0xffff or 0x0000)
            throw Bad(0, $"vendor id {vendor:x4} means no function is present");
        var status = BinaryPrimitives.ReadUInt16LittleEndian(b[0x06..]);
        var headerByte = b[0x0e];
        var headerType = (headerByte & 0x7f) switch
        {
            0 => PciHeaderType.Normal,
            1 => PciHeaderType.Bridge,
            2 => PciHeaderType.CardBus,
            // pci_setup_device: an unknown header type makes the kernel ignore the device
            var t => throw Bad(0x0e, $"unknown header type {t:x2}"),
        };

        // __pci_bus_find_cap_start: capability list only when status bit 4 is set; CardBus keeps its pointer at 0x14
        var caps = new List<(byte, int)>();
        var capsCut = false;
        PciExpressType? pcieType = null;
        if ((status & 0x10) != 0)
        {
            var visited = new HashSet<int>();
            int pointerAt = headerType == PciHeaderType.CardBus ? 0x14 : 0x34;
            int pos = b[pointerAt];
            while (true)
            {
                // PCI_FIND_NEXT_CAP: a pointer into the standard header ends the list
                if (pos < 0x40) break;
                pos &= ~3;
                if (pos + 2 > b.Length)
                {
                    notes.Add($"capability at 0x{pos:x2} lies beyond the {b.Length} bytes read");
                    capsCut = true;
                    break;
                }
                if (!visited.Add(pos))
                    throw Bad(pointerAt, $"capability list loops back to offset 0x{pos:x2}");
                var id = b[pos];
                // PCI_FIND_NEXT_CAP: id 0xff ends the list
                if (id == 0xff) break;
                caps.Add((id, pos));
                if (id == PciCapIdExp && pcieType is null)
                {
                    if (pos + 4 > b.Length)
                        notes.Add($"PCIe capability at 0x{pos:x2} is cut off");
                    else
                    {
                        // set_pcie_port_type: type in bits 7:4 of the PCI Express Capabilities register
                        var type = (BinaryPrimitives.ReadUInt16LittleEndian(b[(pos + 2)..]) >> 4) & 0xf;
                        pcieType = type switch
                        {
                            0x0 or 0x1 or 0x4 or 0x5 or 0x6 or 0x7 or 0x8 or 0x9 or 0xa => (PciExpressType)type,
                            _ => throw Bad(pos + 2, $"reserved PCIe device/port type {type:x}"),
                        };
                    }
                }
                pointerAt = pos + 1;
                pos = b[pos + 1];
            }
        }

        // pci_cfg_space_size / PCI_FIND_NEXT_EXT_CAP: extended capabilities from 0x100 when the file has them
        var ext = new List<(ushort, int)>();
        PciAcsCapability? acs = null;
        PciAcsFlags? sptControl = null;
        if (b.Length > 0x100)
        {
            if (b.Length < 0x104)
                notes.Add("extended configuration space is cut off");
            else
            {
                var visited = new HashSet<int>();
                var pos = 0x100;
                var from = 0x100;
                while (true)
                {
                    if (!visited.Add(pos))
                        throw Bad(from, $"extended capability list loops back to offset 0x{pos:x3}");
                    var header = BinaryPrimitives.ReadUInt32LittleEndian(b[pos..]);
                    // pci_cfg_space_size_ext: all ones at 0x100 means no extended space; a zero header ends the list
                    if (header == 0 || header == 0xffffffff) break;
                    var id = (ushort)(header & 0xffff);
                    ext.Add((id, pos));
                    if (id == PciExtCapIdAcs && acs is null)
                    {
                        if (pos + 8 > b.Length)
                            notes.Add($"ACS capability at 0x{pos:x3} is cut off");
                        else
                        {
                            acs = new PciAcsCapability(
                                (PciAcsFlags)BinaryPrimitives.ReadUInt16LittleEndian(b[(pos + 4)..]),
                                (PciAcsFlags)BinaryPrimitives.ReadUInt16LittleEndian(b[(pos + 6)..]));
                            // pci_quirk_intel_spt_pch_acs: Sunrise/Union Point root ports keep the control register at ACS+8
                            if (pos + 10 <= b.Length) sptControl = (PciAcsFlags)BinaryPrimitives.ReadUInt16LittleEndian(b[(pos + 8)..]);
                        }
                    }
                    // PCI_EXT_CAP_NEXT: bits 31:20, dword aligned; below 0x100 ends the list
                    var next = (int)((header >> 20) & 0xffc);
                    if (next < 0x100) break;
                    if (next + 4 > b.Length)
                    {
                        notes.Add($"extended capability at 0x{next:x3} lies beyond the {b.Length} bytes read");
                        break;
                    }
                    from = pos + 2;
                    pos = next;
                }
            }
        }

        // pci_setup_device (drivers/pci/probe.c:1926-2003): normal header pci_subsystem_ids at 0x2c/0x2e; a bridge only
        // through the SSVID capability (the pci_dev is zeroed, so 0 without one); CardBus PCI_CB_SUBSYSTEM_* at 0x40/0x42
        ushort? ssvid = null, ssid = null;
        switch (headerType)
        {
            case PciHeaderType.Normal:
                (ssvid, ssid) = (BinaryPrimitives.ReadUInt16LittleEndian(b[0x2c..]), BinaryPrimitives.ReadUInt16LittleEndian(b[0x2e..]));
                break;
            case PciHeaderType.Bridge:
                (ssvid, ssid) = ((ushort)0, (ushort)0);
                // pci_find_capability: the first capability with that id
                var ssvAt = caps.FindIndex(c => c.Item1 == PciCapIdSsvid) is var i and >= 0 ? caps[i].Item2 : -1;
                if (ssvAt >= 0 && ssvAt + 8 > b.Length)
                {
                    notes.Add($"SSVID capability at 0x{ssvAt:x2} is cut off");
                    (ssvid, ssid) = (null, null);
                }
                else if (ssvAt >= 0)
                    (ssvid, ssid) = (BinaryPrimitives.ReadUInt16LittleEndian(b[(ssvAt + 4)..]), BinaryPrimitives.ReadUInt16LittleEndian(b[(ssvAt + 6)..]));
                // the list stops early (a short file): an SSVID capability may lie in what was not read
                else if (capsCut)
                    (ssvid, ssid) = (null, null);
                break;
            case PciHeaderType.CardBus:
                if (b.Length >= 0x44)
                    (ssvid, ssid) = (BinaryPrimitives.ReadUInt16LittleEndian(b[0x40..]), BinaryPrimitives.ReadUInt16LittleEndian(b[0x42..]));
                else
                    notes.Add("CardBus subsystem ids (0x40-0x43) lie beyond the bytes read");
                break;
        }

        return new PciConfigSpace
        {
            SubsystemVendorId = ssvid,
            SubsystemDeviceId = ssid,
            Length = b.Length,
            VendorId = vendor,
            DeviceId = BinaryPrimitives.ReadUInt16LittleEndian(b[0x02..]),
            IntelLpcRcba = headerType == PciHeaderType.Normal && b.Length >= 0xf4 ? BinaryPrimitives.ReadUInt32LittleEndian(b[0xf0..]) : null,
            // pci_setup_device: class is the upper 24 bits of the dword at 0x08
            ClassCode = BinaryPrimitives.ReadUInt32LittleEndian(b[0x08..]) >> 8,
            HeaderType = headerType,
            MultifunctionBit = (headerByte & 0x80) != 0,
            BusNumbers = headerType == PciHeaderType.Normal ? null : (b[0x18], b[0x19], b[0x1a]),
            Capabilities = caps,
            ExtendedCapabilities = ext,
            PcieType = pcieType,
            Acs = acs,
            IntelSptAcsControl = sptControl,
            Notes = notes,
        };
    }
}
