using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>
/// The real Debian amd64 kernel (6.1.0-56, 6.1.192-2) on QEMU 7.2.22 q35 + intel-iommu (oracle case q35-intel-default;
/// q35-intel-default/expected.tsv and dump/ are its sysfs, see the README there): the PCI drivers the kernel bound, the
/// subsystem ids and modaliases it showed, against the amd64 PCI tables and the config spaces it recorded.
/// </summary>
public class Q35DriverTests
{
    private static string Dir => Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "Drivers", "q35-intel-default");

    private static readonly Lazy<PciTopology> Topology = new(() => PciSysfsDump.Load(Path.Combine(Dir, "dump")).Single());

    private sealed record Expected(string Name, ushort Vendor, ushort Device, uint Class, ushort Subvendor, ushort Subdevice, string Modalias, string? Driver);

    private static readonly Lazy<List<Expected>> Rows = new(() => File.ReadLines(Path.Combine(Dir, "expected.tsv"))
        .Where(l => !l.StartsWith('#'))
        .Select(l => l.Split('\t'))
        .Select(f => new Expected(f[0], Hex16(f[1][..4]), Hex16(f[1][5..]), Convert.ToUInt32(f[2], 16), Hex16(f[3]), Hex16(f[4]), f[5], f[6] == "-" ? null : f[6]))
        .ToList());

    private static ushort Hex16(string s) => Convert.ToUInt16(s, 16);

    /// <summary>
    /// Probe failures the tables cannot know, seen in this run's dmesg: shpchp matched the PCIe-to-PCI bridge (class
    /// 060400, SHPC capability, SHPC control granted by _OSC) but "pci_hp_register failed with error -16" /
    /// "Slot initialization failed" (shpchp_core.c:108, 283): acpiphp (built in, CONFIG_HOTPLUG_PCI_ACPI=y) had already
    /// registered the slot from QEMU's ACPI hotplug description, and pci_create_slot returns -EBUSY for a slot that has a
    /// hotplug driver (drivers/pci/slot.c:265).
    /// </summary>
    private static readonly Dictionary<(string Driver, string Device), int> MachineProbeFailures = new()
    {
        [("shpchp", "0000:06:00.0")] = -Errno.EBUSY,
    };

    [Fact]
    public void Subsystem_ids_and_modalias_read_from_config_space_are_the_kernels()
    {
        var functions = Topology.Value.Functions.ToDictionary(f => f.Name);
        Assert.Equal(Rows.Value.Count, functions.Count);
        foreach (var e in Rows.Value)
        {
            var f = functions[e.Name];
            Assert.Equal((e.Vendor, e.Device, e.Class), (f.VendorId, f.DeviceId, f.ClassCode));
            // header type 0 from 0x2c/0x2e, bridges from the SSVID capability (1b36:000c, 8086:3420) or 0 without one (104c:823x, 1b36:000e)
            Assert.Equal((e.Name, (ushort?)e.Subvendor, (ushort?)e.Subdevice), (f.Name, f.SubsystemVendorId, f.SubsystemDeviceId));
            Assert.Equal(e.Modalias, f.Modalias);
        }
    }

    /// <summary>What the driver core would do with the tables: the first matching driver whose probe does not decline.</summary>
    private static (string? Driver, List<string> Declined) Bind(PciFunction f)
    {
        var declined = new List<string>();
        foreach (var d in PciDriverTablesTests.Debian.Value.Matching(f))
        {
            if (PciProbeChecks.Declines(d.Name, f) is { } why) { declined.Add($"{d.Name}: {why}"); continue; }
            if (MachineProbeFailures.TryGetValue((d.Name, f.Name), out var err)) { declined.Add($"{d.Name}: {err}"); continue; }
            return (d.Name, declined);
        }
        return (null, declined);
    }

    [Fact]
    public void The_tables_bind_what_the_real_kernel_bound()
    {
        var functions = Topology.Value.Functions.ToDictionary(f => f.Name);
        var problems = new List<string>();
        foreach (var e in Rows.Value)
        {
            var (driver, declined) = Bind(functions[e.Name]);
            if (driver != e.Driver) problems.Add($"{e.Name} {e.Vendor:x4}:{e.Device:x4}: tables {driver ?? "-"}, kernel {e.Driver ?? "-"} (declined: {string.Join("; ", declined)})");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("0000:00:01.0", "e1000", "e1000")]                 // 8086:100e, e1000_main.c:30
    [InlineData("0000:01:00.0", "e1000e", "e1000e")]               // 8086:10d3, netdev.c:7815
    [InlineData("0000:01:00.1", "virtio-pci", "virtio-pci")]       // 1af4:1041
    [InlineData("0000:05:00.0", "virtio-pci", "virtio-pci")]       // 1af4:1042
    [InlineData("0000:07:02.0", "virtio-pci", "virtio-pci")]       // 1af4:1000 (transitional)
    [InlineData("0000:00:1f.2", "ahci", "ahci")]                   // 8086:2922 class 010601: ahci.c:292 and the class entry ahci.c:652
    [InlineData("0000:00:1f.0", "lpc_ich", "lpc_ich")]             // 8086:2918, lpc_ich.c:757
    [InlineData("0000:00:1f.3", "i801_smbus", "i801_smbus")]       // 8086:2930, i2c-i801.c:1004 (PCI_DEVICE_ID_INTEL_ICH9_6, pci_ids.h:2836)
    [InlineData("0000:00:02.0", "pcieport", "pcieport shpchp")]    // 8086:3420 ioh3420 root port
    [InlineData("0000:00:03.0", "pcieport", "pcieport shpchp")]    // 1b36:000c pcie-root-port
    [InlineData("0000:02:00.0", "pcieport", "pcieport shpchp")]    // 104c:8232 x3130 upstream
    [InlineData("0000:03:00.0", "pcieport", "pcieport shpchp")]    // 104c:8233 xio3130 downstream
    [InlineData("0000:06:00.0", null, "pcieport shpchp")]          // 1b36:000e PCIe-to-PCI bridge: pcieport declines (portdrv_pci.c:107-112), shpchp fails -EBUSY
    [InlineData("0000:00:00.0", null, "")]                         // 8086:29c0 host bridge: no recorded table matches (agpgart-intel's is not recorded; its probe declines on q35)
    public void Each_q35_device(string device, string? driver, string candidates)
    {
        var f = Topology.Value.Functions.Single(x => x.Name == device);
        Assert.Equal(candidates, string.Join(" ", PciDriverTablesTests.Debian.Value.Matching(f).Select(d => d.Name)));
        Assert.Equal(driver, Bind(f).Driver);
    }

    private const string Board = """
        / {
            #address-cells = <2>;
            #size-cells = <2>;
            compatible = "probesim,x86-q35-shim";
            pcie@b0000000 { compatible = "pci-host-ecam-generic"; device_type = "pci"; reg = <0x0 0xb0000000 0x0 0x10000000>; };
        };
        """;

    /// <summary>
    /// The Debian amd64 set for a boot of the kernel model: a stand-in platform driver for the DT node the model hangs PCI
    /// off (x86 enumerates from ACPI instead), the modules the case loaded at /init (its at_boot list; no udev ran, so
    /// nothing else was loaded) and the machine's shpchp failure as a scripted probe.
    /// </summary>
    private sealed class Q35Set(PciDriverTables tables) : IDriverSetSource
    {
        private static readonly HashSet<string> AtBoot = ["e1000", "e1000e", "virtio_pci", "virtio_net", "virtio_blk", "ahci", "lpc_ich", "i2c_i801"];

        public string Name => tables.Name + "+q35";

        public DriverSet Resolve(DtTree tree)
        {
            var set = tables.Resolve(tree);
            var host = new DriverSpec { Name = "pci-host-generic", Compatibles = ["pci-host-ecam-generic"], Origin = "test: stands in for ACPI PCI enumeration" };
            var drivers = set.Drivers.Select(d => d switch
            {
                { Name: "shpchp" } => d with { Probe = new ProbeScript { RequestResources = false, Steps = [new ProbeStep(ProbeStepKind.Fail, Errno.EBUSY)] } },
                { Availability: DriverAvailability.Module } => d with { LoadAt = d.Module is { } m && AtBoot.Contains(m) ? 0 : null },
                _ => d,
            });
            return set with { Name = Name, Drivers = [host, .. drivers], ModuleAutoloadAt = null };
        }
    }

    [Fact]
    public void A_boot_of_the_kernel_model_with_the_tables_binds_what_the_real_kernel_bound()
    {
        var options = new BootOptions { Profile = "debian-6.1", Drivers = new Q35Set(PciDriverTablesTests.Debian.Value), Pci = Topology.Value };
        var result = options.Boot(TestDts.Compile(Board), "q35");
        var problems = new List<string>();
        foreach (var e in Rows.Value)
        {
            var ours = result.Devices.FirstOrDefault(d => d.Name == e.Name);
            if (ours is null) problems.Add($"{e.Name}: not created");
            else if (ours.Driver != e.Driver) problems.Add($"{e.Name}: model {ours.Driver ?? "-"} ({ours.State}), kernel {e.Driver ?? "-"}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // pcieport declined the PCIe-to-PCI bridge, shpchp failed on it
        var bridge = result.Devices.Single(d => d.Name == "0000:06:00.0");
        Assert.Null(bridge.Driver);
    }
}
