using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Ivrs;
using ProbeSim.Acpi.Machine;
using ProbeSim.Acpi.Tables;
using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Tests;

/// <summary>
/// The acpi kind: its machine directories load into tables or end in the ACPI front end's own errors, and across a few
/// hundred inputs they reach every DMAR structure, every IVHD entry type, the kernel's rejections and warnings.
/// </summary>
public sealed class AcpiGeneratorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("probesim-fuzz-acpi-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Acpi_inputs_load_or_fail_cleanly_and_cover_the_tables()
    {
        var f = CaseFactory.Create();
        int loaded = 0, tableErrors = 0, machineErrors = 0;
        var dmarTypes = new HashSet<ushort>();
        var entryTypes = new HashSet<byte>();
        var warnings = new HashSet<AcpiWarningKind>();
        bool rejected = false;
        var commands = new HashSet<string>();
        for (int p = 0; p < 600; p++)
        {
            var c = f.Create(3, FuzzKinds.IndexAt(p, [FuzzKind.Acpi]));
            Assert.Equal(FuzzKind.Acpi, c.Kind);
            // the machine directory is the first argument after the command words and options
            var machineArg = c.Args[0] == AcpiStandIn.Command ? c.Args[1] : c.Args[c.Args.IndexOf("x86_64") + 1];
            Assert.Contains(c.Args[0], new[] { AcpiStandIn.Command, "boot", "vfio" });
            commands.Add(c.Args[0]);
            var dir = Path.Combine(_dir, p.ToString(System.Globalization.CultureInfo.InvariantCulture));
            CaseWriter.Write(dir, c);
            try
            {
                var m = AcpiMachine.Load(Path.Combine(dir, machineArg));
                loaded++;
                foreach (var s in m.Dmar?.Structures ?? []) dmarTypes.Add(s.Type);
                foreach (var h in m.Ivrs?.Ivhds ?? []) foreach (var e in h.Entries) entryTypes.Add(e.Type);
                foreach (var w in (m.Dmar?.Warnings ?? []).Concat(m.Ivrs?.Warnings ?? []).Concat(m.Mcfg?.Warnings ?? [])) warnings.Add(w.Kind);
                rejected |= m.Dmar?.Rejection is not null || m.Ivrs?.Rejection is not null;
            }
            catch (AcpiTableException e)
            {
                tableErrors++;
                Assert.DoesNotContain('\n', e.Message);
            }
            catch (AcpiMachineException)
            {
                machineErrors++;
            }
        }
        Assert.True(loaded > 100 && tableErrors > 100 && machineErrors > 0, $"loaded {loaded}, table errors {tableErrors}, machine errors {machineErrors}");
        Assert.Superset(new HashSet<ushort> { 0, 1, 2, 3, 4, 5, 7 }, dmarTypes);
        Assert.Superset(new HashSet<byte> { 0x00, 0x01, 0x02, 0x03, 0x04, 0x42, 0x43, 0x46, 0x47, 0x48, 0xF0 }, entryTypes);
        Assert.Superset(new HashSet<AcpiWarningKind> { AcpiWarningKind.BadChecksum, AcpiWarningKind.BadRmrr, AcpiWarningKind.ZeroLengthStructure }, warnings);
        Assert.True(rejected);
        Assert.Equal(3, commands.Count);
    }

    [Fact]
    public void The_stand_in_reports_like_the_cli()
    {
        var tables = Directory.CreateDirectory(Path.Combine(_dir, "m", "tables")).FullName;
        File.WriteAllBytes(Path.Combine(tables, "DMAR"), [0x44, 0x4d, 0x41, 0x52, 0x10]);
        var err = new StringWriter();
        Assert.Equal(2, AcpiStandIn.Run([AcpiStandIn.Command, Path.Combine(_dir, "m")], new StringWriter(), err));
        Assert.True(Oracle.IsMessage(err.ToString().TrimEnd()), err.ToString());
        err = new StringWriter();
        Assert.Equal(1, AcpiStandIn.Run([AcpiStandIn.Command, Path.Combine(_dir, "none")], new StringWriter(), err));
        Assert.StartsWith("probesim: ", err.ToString());
    }
}
