using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>The header checks of libfdt's <c>fdt_check_header</c> and <c>fdt_check_full</c>, stricter where noted.</summary>
internal static class FdtHeaderCheck
{
    public static FdtHeader Check(ReadOnlySpan<byte> blob, string? file)
    {
        // fdt_check_full: the buffer must hold a header before anything is read
        if (blob.Length < 4)
            throw Fail(file, blob.Length, $"truncated blob: file has {blob.Length} bytes, too short for a header");
        var h = FdtHeader.Parse(blob);
        // fdt_check_header: magic first
        if (h.Magic != FdtConstants.Magic)
            throw Fail(file, FdtConstants.OffMagic, $"bad magic 0x{h.Magic:x8} (expected 0x{FdtConstants.Magic:x8})");
        if (blob.Length < FdtConstants.V1HeaderSize)
            throw Fail(file, blob.Length,
                $"truncated blob: file has {blob.Length} bytes, too short for a header ({FdtConstants.V1HeaderSize} bytes)");

        // fdt_check_header: last_comp_version no newer than 17, version not older than last_comp_version
        if (h.LastCompVersion > FdtConstants.LastSupportedVersion)
            throw Fail(file, FdtConstants.OffLastCompVersion,
                $"bad version: last compatible version {h.LastCompVersion} is newer than {FdtConstants.LastSupportedVersion}");
        if (h.Version < h.LastCompVersion)
            throw Fail(file, FdtConstants.OffVersion,
                $"bad version: version {h.Version} is older than its last compatible version {h.LastCompVersion}");
        // dt_from_blob reads 1-3 with full-path names; this reader only takes the name-only layout of 16 and later
        if (h.Version < FdtConstants.FirstReadableVersion)
            throw Fail(file, FdtConstants.OffVersion,
                $"bad version: version {h.Version} is not supported (16 and 17 are)");

        var hdr = h.HeaderSize;
        if (blob.Length < hdr)
            throw Fail(file, blob.Length,
                $"truncated blob: file has {blob.Length} bytes, too short for a version {h.Version} header ({hdr} bytes)");
        // fdt_check_header: totalsize between the header size and INT_MAX
        if (h.TotalSize < hdr)
            throw Fail(file, FdtConstants.OffTotalSize, $"totalsize {h.TotalSize} is smaller than the header ({hdr} bytes)");
        if (h.TotalSize > int.MaxValue)
            throw Fail(file, FdtConstants.OffTotalSize, $"absurd totalsize 0x{h.TotalSize:x} (over 2 GiB)");
        // fdt_check_full: the buffer must hold totalsize bytes
        if (blob.Length < h.TotalSize)
            throw Fail(file, blob.Length, $"truncated blob: header says {h.TotalSize} bytes, file has {blob.Length}");

        // fdt_check_header: memory reservation map 8-aligned, structure block 4-aligned
        if (h.OffMemRsvMap % 8 != 0)
            throw Fail(file, FdtConstants.OffMemRsvMap, $"memory reservation map offset 0x{h.OffMemRsvMap:x} is not 8-byte aligned");
        if (h.OffDtStruct % 4 != 0)
            throw Fail(file, FdtConstants.OffDtStruct, $"structure block offset 0x{h.OffDtStruct:x} is not 4-byte aligned");

        // fdt_check_header (check_off_/check_block_): each block starts after the header and ends inside totalsize
        if (!InBlob(hdr, h.TotalSize, h.OffMemRsvMap, 0))
            throw Fail(file, FdtConstants.OffMemRsvMap,
                $"memory reservation map offset 0x{h.OffMemRsvMap:x} is outside the blob (header 0x{hdr:x}, totalsize 0x{h.TotalSize:x})");
        if (!InBlob(hdr, h.TotalSize, h.OffDtStruct, h.SizeDtStruct))
            throw Fail(file, FdtConstants.OffDtStruct,
                $"structure block at 0x{h.OffDtStruct:x} size 0x{h.SizeDtStruct:x} is outside the blob (header 0x{hdr:x}, totalsize 0x{h.TotalSize:x})");
        if (!InBlob(hdr, h.TotalSize, h.OffDtStrings, h.SizeDtStrings))
            throw Fail(file, FdtConstants.OffDtStrings,
                $"strings block at 0x{h.OffDtStrings:x} size 0x{h.SizeDtStrings:x} is outside the blob (header 0x{hdr:x}, totalsize 0x{h.TotalSize:x})");

        // Stricter than libfdt: the structure and strings blocks must not share bytes.
        if (h.Version >= 17 && Overlap(h.OffDtStruct, h.StructEnd, h.OffDtStrings, h.StringsEnd))
            throw Fail(file, FdtConstants.OffDtStrings,
                $"strings block [0x{h.OffDtStrings:x}, 0x{h.StringsEnd:x}) overlaps the structure block [0x{h.OffDtStruct:x}, 0x{h.StructEnd:x})");
        return h;
    }

    public static bool Overlap(long aStart, long aEnd, long bStart, long bEnd) =>
        aStart < aEnd && bStart < bEnd && aStart < bEnd && bStart < aEnd;

    private static bool InBlob(long hdr, long total, long off, long size) =>
        off >= hdr && off <= total && off + size <= total;

    public static DeviceTreeException Fail(string? file, long offset, string message) =>
        DeviceTreeException.AtOffset(file, offset, message);
}
