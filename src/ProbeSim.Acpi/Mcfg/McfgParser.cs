using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Mcfg;

/// <summary>Reads an MCFG table as x86's <c>pci_parse_mcfg</c> (arch/x86/pci/mmconfig-shared.c) does.</summary>
public static class McfgParser
{
    /// <summary>The ACPI header and 8 reserved bytes.</summary>
    public const int HeaderSize = 44;

    public const int AllocationSize = 16;

    public static McfgTable Parse(byte[] data, string file = "MCFG")
    {
        var warnings = new List<AcpiWarning>();
        var (header, t) = AcpiHeaderReader.Read(file, data, "MCFG", warnings);
        if (t.Length < HeaderSize)
            throw t.Fail(4, $"table length {t.Length} is shorter than the {HeaderSize}-byte MCFG header");
        // pci_parse_mcfg: as many whole 16-byte allocations as fit; a shorter tail is ignored
        var list = new List<McfgAllocation>();
        for (long off = HeaderSize; off + AllocationSize <= t.Length; off += AllocationSize)
            list.Add(new McfgAllocation(off, t.U64(off, "MCFG base address"), t.U16(off + 8, "MCFG segment"),
                t.U8(off + 10, "MCFG start bus"), t.U8(off + 11, "MCFG end bus")));
        // pci_parse_mcfg: no allocation is "MMCONFIG has no entries", -ENODEV
        var rejection = list.Count == 0 ? new AcpiRejection("pci_parse_mcfg", HeaderSize, "MMCONFIG has no entries") : null;
        return new McfgTable(header, list, warnings, rejection);
    }
}
