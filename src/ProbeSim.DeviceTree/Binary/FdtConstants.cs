namespace ProbeSim.DeviceTree.Binary;

/// <summary>Numbers of the flattened device tree format (libfdt's fdt.h / libfdt.h).</summary>
public static class FdtConstants
{
    public const uint Magic = 0xd00dfeed;

    public const uint BeginNode = 0x1;
    public const uint EndNode = 0x2;
    public const uint Prop = 0x3;
    public const uint Nop = 0x4;
    public const uint End = 0x9;

    /// <summary>Header size of a version 1 blob (seven fields).</summary>
    public const int V1HeaderSize = 28;
    /// <summary>Header size of version 2 (adds boot_cpuid_phys).</summary>
    public const int V2HeaderSize = 32;
    /// <summary>Header size of versions 3 to 16 (adds size_dt_strings).</summary>
    public const int V16HeaderSize = 36;
    /// <summary>Header size of version 17 (adds size_dt_struct).</summary>
    public const int V17HeaderSize = 40;

    /// <summary>The version dtc writes by default, and its last_comp_version.</summary>
    public const uint DefaultVersion = 17;
    public const uint DefaultLastCompVersion = 16;

    /// <summary>The newest last_comp_version a reader may accept (FDT_LAST_SUPPORTED_VERSION).</summary>
    public const uint LastSupportedVersion = 17;
    /// <summary>The oldest version this reader accepts (the name-only node format started at 16).</summary>
    public const uint FirstReadableVersion = 16;

    /// <summary>Size of one memory reservation entry (two big-endian u64).</summary>
    public const int ReserveEntrySize = 16;

    /// <summary>Default nesting limit of the reader (levels, the root included); deeper trees are rejected rather than walked.</summary>
    public const int DefaultMaxDepth = DeviceTreeLimits.MaxNodeDepth;

    // Header field offsets.
    public const int OffMagic = 0;
    public const int OffTotalSize = 4;
    public const int OffDtStruct = 8;
    public const int OffDtStrings = 12;
    public const int OffMemRsvMap = 16;
    public const int OffVersion = 20;
    public const int OffLastCompVersion = 24;
    public const int OffBootCpuidPhys = 28;
    public const int OffSizeDtStrings = 32;
    public const int OffSizeDtStruct = 36;

    /// <summary>fdt_header_size_: the header size a version implies.</summary>
    public static int HeaderSize(uint version) => version switch
    {
        <= 1 => V1HeaderSize,
        2 => V2HeaderSize,
        <= 16 => V16HeaderSize,
        _ => V17HeaderSize,
    };

    /// <summary>FDT_TAGALIGN: round up to the 4-byte token alignment.</summary>
    public static long Align4(long v) => (v + 3) & ~3L;
}
