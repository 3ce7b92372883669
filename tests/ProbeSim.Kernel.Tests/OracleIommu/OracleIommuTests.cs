using System.Text.Json;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Tests.OracleIommu;

/// <summary>
/// The real Debian 6.1.192 arm64 kernel on QEMU virt with an SMMUv3 and a PCIe topology of root ports, a switch, a
/// multifunction device and a PCIe-to-PCI bridge (docs/kernel/oracle-6.1-iommu.md, cases pci-groups*). The PCI hierarchy is
/// read from the config space the kernel recorded (a sysfs dump), the drivers are Debian's; the simulation must give the
/// same IOMMU groups (members, numbers, default domain type) and PCI drivers.
/// </summary>
public class OracleIommuTests
{
    static readonly OracleCase Case = new("pci-groups");
    static string Dir => Case.Dir;

    // the modules the case loads at boot; their PCI id tables (virtio_pci, e1000e, e1000) for the devices QEMU offers
    const string PciModules = """
        drivers:
          - { compatible: pci1af4,1000, name: virtio-pci, bus: pci, pci-ids: ["1af4:*"], as: module, load-at: 0 }
          - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"], as: module, load-at: 0 }
          - { compatible: pci8086,100e, name: e1000, bus: pci, pci-ids: ["8086:100e"], as: module, load-at: 0 }
        """;

    [Theory]
    [InlineData("modules", true)]
    [InlineData("nodrv", false)]
    [InlineData("passthrough", true)]
    [InlineData("lazy", true)]
    public void Groups_match_the_real_kernel(string variant, bool modules)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, $"expected-{variant}.json")));
        var root = expected.RootElement;
        var tree = Case.Tree();
        var topo = Case.Pci();
        double snapshot = root.GetProperty("snapshotUptime").GetDouble() - root.GetProperty("initStartUptime").GetDouble();
        var options = new BootOptions
        {
            Profile = "debian-6.1", Cmdline = root.GetProperty("cmdline").GetString()!, Drivers = OracleCase.Debian,
            StopAfterSeconds = snapshot, Pci = topo,
        };
        if (modules) options = options.WithScenario(ScenarioFile.Parse(PciModules, "modules.yaml"), profileGiven: true);
        var result = options.Boot(tree, "pci-groups");

        var problems = new List<string>();
        foreach (var dev in root.GetProperty("pci").EnumerateArray())
        {
            var name = dev.GetProperty("name").GetString()!;
            var ours = result.Devices.FirstOrDefault(d => d.Name == name);
            if (ours is null) { problems.Add($"{name}: not created"); continue; }
            var driver = dev.GetProperty("driver").ValueKind == JsonValueKind.Null ? null : dev.GetProperty("driver").GetString();
            if (ours.Driver != driver) problems.Add($"{name}: driver {ours.Driver ?? "-"}, kernel {driver ?? "-"}");
        }
        var kernelGroups = root.GetProperty("groups").EnumerateArray()
            .Select(g => $"{g.GetProperty("id").GetInt32()} {g.GetProperty("type").GetString()} [{string.Join(" ", g.GetProperty("devices").EnumerateArray().Select(x => x.GetString()))}]").ToList();
        var ourGroups = result.IommuGroups.Select(g => $"{g.Id} {g.Type} [{string.Join(" ", g.Devices.Order(StringComparer.Ordinal))}]").ToList();
        var kernelSorted = root.GetProperty("groups").EnumerateArray()
            .Select(g => $"{g.GetProperty("id").GetInt32()} {g.GetProperty("type").GetString()} [{string.Join(" ", g.GetProperty("devices").EnumerateArray().Select(x => x.GetString()).Order(StringComparer.Ordinal))}]").ToList();
        foreach (var g in kernelSorted.Except(ourGroups)) problems.Add($"kernel group {g} missing; ours: {string.Join("; ", ourGroups)}");
        foreach (var g in ourGroups.Except(kernelSorted)) problems.Add($"extra group {g}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
