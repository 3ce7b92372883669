using System.Buffers.Binary;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>Reads the memory reservation block: (address, size) pairs up to the first entry whose size is 0.</summary>
internal static class FdtReserveMap
{
    /// <summary>Checks the map and returns where it ends; adds the entries to <paramref name="into"/> when given.</summary>
    // flat_read_mem_reserve / fdt_num_mem_rsv: entries until size 0, each inside totalsize
    public static long Read(ReadOnlySpan<byte> blob, in FdtHeader h, string? file, List<ReserveEntry>? into)
    {
        long pos = h.OffMemRsvMap;
        while (true)
        {
            if (pos + FdtConstants.ReserveEntrySize > h.TotalSize)
                throw FdtHeaderCheck.Fail(file, pos,
                    "memory reservation map runs past the end of the blob without a terminating entry");
            var address = BinaryPrimitives.ReadUInt64BigEndian(blob[(int)pos..]);
            var size = BinaryPrimitives.ReadUInt64BigEndian(blob[(int)(pos + 8)..]);
            pos += FdtConstants.ReserveEntrySize;
            if (size == 0) break;
            into?.Add(new ReserveEntry(address, size));
        }

        // Stricter than libfdt: the map must not run into the other blocks.
        if (FdtHeaderCheck.Overlap(h.OffMemRsvMap, pos, h.OffDtStruct, h.StructEnd) && h.Version >= 17)
            throw FdtHeaderCheck.Fail(file, FdtConstants.OffMemRsvMap,
                $"memory reservation map [0x{h.OffMemRsvMap:x}, 0x{pos:x}) overlaps the structure block [0x{h.OffDtStruct:x}, 0x{h.StructEnd:x})");
        if (FdtHeaderCheck.Overlap(h.OffMemRsvMap, pos, h.OffDtStrings, h.StringsEnd))
            throw FdtHeaderCheck.Fail(file, FdtConstants.OffMemRsvMap,
                $"memory reservation map [0x{h.OffMemRsvMap:x}, 0x{pos:x}) overlaps the strings block [0x{h.OffDtStrings:x}, 0x{h.StringsEnd:x})");
        return pos;
    }
}
