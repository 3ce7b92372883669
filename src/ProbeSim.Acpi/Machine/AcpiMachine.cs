using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Ivrs;
using ProbeSim.Acpi.Mcfg;

namespace ProbeSim.Acpi.Machine;

/// <summary>
/// An x86 machine as files (docs/acpi-machine.md): its ACPI tables as the kernel reads them from firmware
/// (<c>tables/DMAR</c>, <c>tables/IVRS</c>, <c>tables/MCFG</c>, each where present), the kernel command line
/// (<c>cmdline</c>, optional) and the directory of its PCI sysfs dump (<c>pci/</c>, optional; read elsewhere, by
/// <c>PciSysfsDump.Load</c>).
/// </summary>
public sealed record AcpiMachine(
    string Directory,
    DmarTable? Dmar,
    IvrsTable? Ivrs,
    McfgTable? Mcfg,
    string? CommandLine,
    string? PciDumpDirectory)
{
    public const string TablesDirectory = "tables";
    public const string CommandLineFile = "cmdline";
    public const string PciDirectory = "pci";

    /// <summary>Reads the machine directory <paramref name="dir"/>. Table errors are <see cref="Tables.AcpiTableException"/>s.</summary>
    public static AcpiMachine Load(string dir)
    {
        if (!System.IO.Directory.Exists(dir))
            throw new AcpiMachineException(dir, "no such directory (an ACPI machine is a directory with tables/, and optionally cmdline and pci/)");
        var tables = Path.Combine(dir, TablesDirectory);
        if (!System.IO.Directory.Exists(tables))
            throw new AcpiMachineException(dir, "not an ACPI machine directory: it has no tables/ directory (a copy of /sys/firmware/acpi/tables)");

        var dmar = MachineFiles.ReadTable(tables, "DMAR") is { } d ? DmarParser.Parse(d.Bytes, d.Path) : null;
        var ivrs = MachineFiles.ReadTable(tables, "IVRS") is { } i ? IvrsParser.Parse(i.Bytes, i.Path) : null;
        var mcfg = MachineFiles.ReadTable(tables, "MCFG") is { } m ? McfgParser.Parse(m.Bytes, m.Path) : null;
        var pci = Path.Combine(dir, PciDirectory);
        return new AcpiMachine(dir, dmar, ivrs, mcfg, MachineFiles.ReadCommandLine(Path.Combine(dir, CommandLineFile)),
            System.IO.Directory.Exists(pci) ? pci : null);
    }
}
