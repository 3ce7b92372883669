using System.Buffers.Binary;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>The fields of an FDT header (all big-endian u32 in the blob). Fields a version lacks read as 0.</summary>
public readonly record struct FdtHeader(
    uint Magic,
    uint TotalSize,
    uint OffDtStruct,
    uint OffDtStrings,
    uint OffMemRsvMap,
    uint Version,
    uint LastCompVersion,
    uint BootCpuidPhys,
    uint SizeDtStrings,
    uint SizeDtStruct)
{
    public int HeaderSize => FdtConstants.HeaderSize(Version);

    /// <summary>Where the structure block ends: from size_dt_struct in version 17, else the blob's end (as libfdt assumes).</summary>
    public long StructEnd => Version >= 17 ? (long)OffDtStruct + SizeDtStruct : TotalSize;

    public long StringsEnd => (long)OffDtStrings + SizeDtStrings;

    /// <summary>Reads the header fields present in <paramref name="blob"/> without checking them.</summary>
    public static FdtHeader Parse(ReadOnlySpan<byte> blob)
    {
        var version = Field(blob, FdtConstants.OffVersion);
        return new FdtHeader(
            Field(blob, FdtConstants.OffMagic),
            Field(blob, FdtConstants.OffTotalSize),
            Field(blob, FdtConstants.OffDtStruct),
            Field(blob, FdtConstants.OffDtStrings),
            Field(blob, FdtConstants.OffMemRsvMap),
            version,
            Field(blob, FdtConstants.OffLastCompVersion),
            version >= 2 ? Field(blob, FdtConstants.OffBootCpuidPhys) : 0,
            version >= 3 ? Field(blob, FdtConstants.OffSizeDtStrings) : 0,
            version >= 17 ? Field(blob, FdtConstants.OffSizeDtStruct) : 0);
    }

    private static uint Field(ReadOnlySpan<byte> blob, int off) =>
        blob.Length >= off + 4 ? BinaryPrimitives.ReadUInt32BigEndian(blob[off..]) : 0;
}
