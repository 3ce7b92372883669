using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Ivrs;
using ProbeSim.Acpi.Machine;
using ProbeSim.Acpi.Tables;

namespace ProbeSim.Fuzz.Core;

/// <summary>Prints a loaded machine: every record and derived property, so that the fuzzer exercises all of them.</summary>
public static class AcpiSummary
{
    public static void Write(AcpiMachine m, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine($"cmdline: {m.CommandLine ?? "(none)"}; pci: {m.PciDumpDirectory ?? "(none)"}");
        if (m.Dmar is { } d)
        {
            Header(stdout, d.Header);
            stdout.WriteLine($"DMAR haw {d.HostAddressWidth} flags {d.Flags} rejected: {d.Rejection?.Message ?? "no"}");
            foreach (var s in d.Structures) stdout.WriteLine(Structure(s));
            stdout.WriteLine($"{d.Drhds.Count} DRHD {d.Rmrrs.Count} RMRR {d.Atsrs.Count} ATSR {d.Rhsas.Count} RHSA {d.Andds.Count} ANDD {d.Satcs.Count} SATC");
            Warnings(stderr, d.Warnings);
        }
        if (m.Ivrs is { } i)
        {
            Header(stdout, i.Header);
            var info = i.IvInfo;
            stdout.WriteLine($"IVRS ivinfo {info.Raw:x} efr {info.EfrSupported} dma {info.DmaRemapSupport} pa {info.PhysicalAddressSize} va {info.VirtualAddressSize} gva {info.GuestVirtualAddressSize} target {i.TargetIvhdType} ({i.TargetIvhds.Count}) rejected: {i.Rejection?.Message ?? "no"}");
            foreach (var b in i.Blocks) stdout.WriteLine(Block(b));
            stdout.WriteLine($"{i.Ivhds.Count} IVHD {i.Ivmds.Count} IVMD");
            Warnings(stderr, i.Warnings);
        }
        if (m.Mcfg is { } c)
        {
            Header(stdout, c.Header);
            foreach (var a in c.Allocations) stdout.WriteLine(a);
            stdout.WriteLine($"rejected: {c.Rejection?.Message ?? "no"}");
            Warnings(stderr, c.Warnings);
        }
    }

    private static void Header(TextWriter w, AcpiTableHeader h) => w.WriteLine(h);

    private static void Warnings(TextWriter stderr, IReadOnlyList<AcpiWarning> warnings)
    {
        foreach (var w in warnings) stderr.WriteLine(w);
    }

    private static string Structure(DmarStructure s)
    {
        var scopes = s switch
        {
            DmarDrhd d => $"include-all {d.IncludePciAll} regs {d.RegisterSetBytes} " + Scopes(d.Scopes),
            DmarRmrr r => $"{r.BaseAddress:x}-{r.LimitAddress:x} " + Scopes(r.Scopes),
            DmarAtsr a => $"all-ports {a.AllPorts} " + Scopes(a.Scopes),
            DmarSatc t => $"atc-required {t.AtcRequired} " + Scopes(t.Scopes),
            _ => "",
        };
        return $"{s} {scopes}";
    }

    private static string Scopes(IReadOnlyList<DeviceScope> scopes) =>
        string.Join(", ", scopes.Select(s => $"{s.Type} {s.DirectBdf} {string.Join('/', s.Path)}"));

    private static string Block(IvrsBlock b) => b switch
    {
        IvhdBlock h => $"IVHD {h.Type:x2} {h.Features} msi {h.MsiNumber} unit {h.UnitId} last {h.LastDeviceId} entries: "
            + string.Join(", ", h.Entries.Select(e => e.ToString())) + " devices: "
            + string.Join(", ", h.Devices.Select(r => $"{r} {r.Contains(0xa0)}")),
        IvmdBlock m => $"IVMD {m.Type:x2} {m.Memory} all {m.AllDevices} {m.FirstDeviceId:x}-{m.LastDeviceId:x} {m.StartAddress:x}+{m.MemoryLength:x}",
        _ => b.ToString(),
    };
}
