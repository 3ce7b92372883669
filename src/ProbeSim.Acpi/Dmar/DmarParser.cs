using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Dmar;

/// <summary>
/// Reads a DMAR table as <c>parse_dmar_table</c> walks it (drivers/iommu/intel/dmar.c): the header, the host address
/// width and flags, then the remapping structures in order, each with its device scopes.
/// </summary>
public static class DmarParser
{
    /// <summary>ACPI header, width, flags, 10 reserved bytes.</summary>
    public const int HeaderSize = 48;

    public static DmarTable Parse(byte[] data, string file = "DMAR")
    {
        var warnings = new List<AcpiWarning>();
        var (header, t) = AcpiHeaderReader.Read(file, data, "DMAR", warnings);
        if (t.Length < HeaderSize)
            throw t.Fail(4, $"table length {t.Length} is shorter than the {HeaderSize}-byte DMAR header");
        byte width = t.U8(36, "host address width");
        var flags = (DmarFlags)t.U8(37, "flags");
        AcpiRejection? rejection = null;
        // parse_dmar_table: a width under PAGE_SHIFT - 1 is "Invalid DMAR haw" and the whole table is refused (-EINVAL)
        if (width < 11)
            rejection = new AcpiRejection("parse_dmar_table", 36, $"invalid DMAR host address width {width + 1} (at least 12 bits)");

        var walk = new DmarWalk(t, warnings);
        walk.Run(HeaderSize);
        // detect_intel_iommu validates the DRHDs before parse_dmar_table checks the width and runs the handlers
        rejection = walk.DetectRejection ?? rejection ?? walk.Rejection;
        // parse_dmar_table: a table whose walk succeeds without a DRHD is a firmware bug, warned about
        if (walk.DrhdCount == 0 && walk.Rejection is null)
            warnings.Add(new AcpiWarning(file, HeaderSize, AcpiWarningKind.NoDrhd, "no DRHD structure found in the DMAR table"));
        return new DmarTable(header, width, flags, walk.Structures, warnings, rejection);
    }
}
