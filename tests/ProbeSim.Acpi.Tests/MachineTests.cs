using ProbeSim.Acpi.Machine;
using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Tests;

/// <summary>The machine directory: tables/ (as /sys/firmware/acpi/tables), cmdline, pci/.</summary>
public sealed class MachineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("probesim-acpi-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Tables() => Directory.CreateDirectory(Path.Combine(_dir, "tables")).FullName;

    [Fact]
    public void Loads_every_part()
    {
        var tables = Tables();
        File.WriteAllBytes(Path.Combine(tables, "DMAR"), QemuTables.Dmar);
        File.WriteAllBytes(Path.Combine(tables, "IVRS"), QemuTables.Ivrs);
        File.WriteAllBytes(Path.Combine(tables, "MCFG"), new TableBuilder("MCFG").Zeros(8).U64(0xb0000000).U16(0).U8(0).U8(0xff).Zeros(4).Build());
        File.WriteAllBytes(Path.Combine(tables, "APIC"), [1, 2, 3]); // other tables are copied too and not read
        File.WriteAllText(Path.Combine(_dir, "cmdline"), "BOOT_IMAGE=/vmlinuz root=/dev/vda1 intel_iommu=on iommu=pt\n");
        Directory.CreateDirectory(Path.Combine(_dir, "pci", "sys", "devices", "pci0000:00"));
        var m = AcpiMachine.Load(_dir);
        Assert.NotNull(m.Dmar);
        Assert.NotNull(m.Ivrs);
        Assert.Single(m.Mcfg!.Allocations);
        Assert.Equal("BOOT_IMAGE=/vmlinuz root=/dev/vda1 intel_iommu=on iommu=pt", m.CommandLine);
        Assert.Equal(Path.Combine(_dir, "pci"), m.PciDumpDirectory);
    }

    [Fact]
    public void Absent_parts_are_null()
    {
        Tables();
        var m = AcpiMachine.Load(_dir);
        Assert.Null(m.Dmar);
        Assert.Null(m.Ivrs);
        Assert.Null(m.Mcfg);
        Assert.Null(m.CommandLine);
        Assert.Null(m.PciDumpDirectory);
    }

    [Fact]
    public void A_table_error_names_the_file()
    {
        var path = Path.Combine(Tables(), "IVRS");
        File.WriteAllBytes(path, QemuTables.Ivrs[..20]);
        var e = Assert.Throws<AcpiTableException>(() => AcpiMachine.Load(_dir));
        Assert.Equal(path, e.File);
        Assert.Equal(20, e.Offset);
    }

    [Fact]
    public void A_directory_without_tables_is_refused()
    {
        var e = Assert.Throws<AcpiMachineException>(() => AcpiMachine.Load(_dir));
        Assert.Equal(_dir, e.Path);
        Assert.Contains("no tables/ directory", e.Message);
    }

    [Fact]
    public void A_missing_directory_is_refused()
    {
        var missing = Path.Combine(_dir, "nothing");
        Assert.Equal(missing, Assert.Throws<AcpiMachineException>(() => AcpiMachine.Load(missing)).Path);
    }

    [Fact]
    public void A_table_that_is_a_directory_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(Tables(), "DMAR"));
        Assert.Contains("is a directory", Assert.Throws<AcpiMachineException>(() => AcpiMachine.Load(_dir)).Message);
    }

    [Fact]
    public void An_oversized_table_is_refused()
    {
        File.WriteAllBytes(Path.Combine(Tables(), "MCFG"), new byte[17 << 20]);
        Assert.Contains("is larger than", Assert.Throws<AcpiMachineException>(() => AcpiMachine.Load(_dir)).Message);
    }
}
