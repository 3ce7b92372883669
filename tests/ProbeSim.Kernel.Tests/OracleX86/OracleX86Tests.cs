using System.Text.Json;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.X86;

namespace ProbeSim.Kernel.Tests.OracleX86;

/// <summary>
/// The real Debian 6.1.192 amd64 kernel on QEMU q35 with an intel-iommu (or QEMU's amd-iommu) and a PCIe topology (a root port without ACS
/// holding a multi-function device, a switch without ACS below a root port with ACS, a PCIe-to-PCI bridge, the ICH9
/// functions), booted under four command lines (intel) and three (AMD) (docs/kernel/oracle-6.1-x86.md). The machine is the ACPI tables and PCI
/// config space the real kernel read (make-case.py); the simulation must give the same IOMMU groups (numbers, members,
/// default domain types, reserved regions) and the PCI drivers Debian's tables bind.
/// </summary>
public class OracleX86Tests
{
    static string Dir(string machine) => Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "OracleX86", machine);

    internal static X86KernelConfig DebianAmd64 { get; } =
        X86KernelConfig.Load(Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-amd64", "config.txt"));

    // Debian 12's amd64 PCI driver tables (kernels/debian-6.1-amd64, docs/kernel/x86-drivers.md) without udev's coldplug:
    // the oracle's /init loads only the case's modules (modules.at_boot, in this order; virtio_net and virtio_blk drive
    // the virtio bus, which the model does not have) and nothing autoloads
    static readonly Lazy<PciDriverTables> Tables = new(() => new PciDriverTables(Path.Combine(TestPaths.RepoRoot, "kernels", "debian-6.1-amd64"),
        Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-amd64", "config.txt"), moduleAutoloadAt: null));

    const string AtBoot = """
        actions:
          - { at: 0, load-module: e1000 }
          - { at: 0, load-module: e1000e }
          - { at: 0, load-module: virtio_pci }
          - { at: 0, load-module: ahci }
          - { at: 0, load-module: lpc_ich }
          - { at: 0, load-module: i2c_i801 }
        """;

    internal static BootResult Boot(string machine, JsonElement expected)
    {
        var inputs = X86MachineInputs.Load(Path.Combine(Dir(machine), "machine"), DebianAmd64);
        double snapshot = expected.GetProperty("snapshotUptime").GetDouble() - expected.GetProperty("initStartUptime").GetDouble();
        var options = new BootOptions
        {
            Profile = "debian-6.1", Cmdline = expected.GetProperty("cmdline").GetString()!, X86 = inputs,
            StopAfterSeconds = snapshot, Drivers = Tables.Value,
        }.WithScenario(ScenarioFile.Parse(AtBoot, "at-boot.yaml"), profileGiven: true);
        return options.Boot(new DtTree(), machine);
    }

    [Theory]
    [InlineData("q35-intel", "default")]
    [InlineData("q35-intel", "off")]
    [InlineData("q35-intel", "passthrough")]
    [InlineData("q35-intel", "strict")]
    [InlineData("q35-intel-vga", "default")]
    [InlineData("q35-intel-vga", "igfxoff")]
    [InlineData("q35-amd", "default")]
    [InlineData("q35-amd", "off")]
    [InlineData("q35-amd", "pt")]
    public void Groups_and_drivers_match_the_real_kernel(string machine, string variant)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir(machine), $"expected-{variant}.json")));
        var root = doc.RootElement;
        var result = Boot(machine, root);

        var problems = new List<string>();
        foreach (var dev in root.GetProperty("pci").EnumerateArray())
        {
            var name = dev.GetProperty("name").GetString()!;
            var ours = result.Devices.FirstOrDefault(d => d.Name == name);
            if (ours is null) { problems.Add($"{name}: not created"); continue; }
            var driver = dev.GetProperty("driver").ValueKind == JsonValueKind.Null ? null : dev.GetProperty("driver").GetString();
            if (ours.Driver != driver) problems.Add($"{name}: driver {ours.Driver ?? "-"}, kernel {driver ?? "-"}");
        }
        string Line(int id, string type, IEnumerable<string> devs, IEnumerable<string> resv) =>
            $"{id} {type} [{string.Join(" ", devs.Order(StringComparer.Ordinal))}] {{{string.Join("; ", resv)}}}";
        var kernel = root.GetProperty("groups").EnumerateArray().Select(g => Line(g.GetProperty("id").GetInt32(), g.GetProperty("type").GetString()!,
            g.GetProperty("devices").EnumerateArray().Select(x => x.GetString()!), g.GetProperty("reserved_regions").EnumerateArray().Select(x => x.GetString()!))).ToList();
        var ours2 = result.IommuGroups.Select(g => Line(g.Id, g.Type, g.Devices, g.ReservedRegions)).ToList();
        foreach (var g in kernel.Except(ours2)) problems.Add($"kernel group {g} missing");
        foreach (var g in ours2.Except(kernel)) problems.Add($"extra group {g}");
        // /sys/class/iommu: the units and the devices each translates
        foreach (var iommu in root.GetProperty("iommus").EnumerateObject())
        {
            var mine = result.Iommus.FirstOrDefault(i => i.Name == iommu.Name);
            if (mine is null) { problems.Add($"iommu {iommu.Name} missing"); continue; }
            var want = iommu.Value.EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal);
            if (!want.SequenceEqual(mine.Devices.Order(StringComparer.Ordinal))) problems.Add($"iommu {iommu.Name}: devices {string.Join(" ", mine.Devices)}");
        }
        if (root.GetProperty("iommus").EnumerateObject().Count() != result.Iommus.Count) problems.Add($"iommus: {string.Join(" ", result.Iommus.Select(i => i.Name))}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
