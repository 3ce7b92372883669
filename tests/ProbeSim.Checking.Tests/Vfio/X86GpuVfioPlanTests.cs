using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Machine;
using ProbeSim.Checking.Vfio;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.X86;

namespace ProbeSim.Checking.Tests.Vfio;

/// <summary>
/// <c>vfio plan</c> on an Intel PC: a discrete GPU and its HDMI audio function behind a root port with ACS. The DMAR is the
/// QEMU q35 one the real kernel read (one unit whose device scopes name the root-bus functions, the root port 00:02.0 as
/// a bridge scope, so everything below it is translated too: device_to_iommu, intel/iommu.c:784-785); detection requests ACS before the scan (intel/dmar.c:941-943),
/// so the root port's group stops at the port and the two functions, multi-function without ACS, share one group
/// (pci_device_group, drivers/iommu/iommu.c). Viability under 6.1: iommu_group_dma_owner_claimed (vfio_main.c:894-899).
/// </summary>
public class X86GpuVfioPlanTests
{
    private const string Pci = """
        pci:
          devices:
            - { slot: 00.0, id: "8086:3e30", class: 0x060000 }
            - slot: 02.0
              type: root-port
              id: "8086:1901"
              acs-cap: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "10de:2484", class: 0x030000 }
                - { slot: 00.1, id: "10de:228b", class: 0x040300 }
            - { slot: 1f.0, id: "8086:2918", class: 0x060100 }
            - { slot: 1f.2, id: "8086:a352", class: 0x010601 }
        """;

    private const string Drivers = """
        drivers:
          - { compatible: pci10de,2484, name: nouveau, bus: pci, pci-ids: ["10de:2484"] }
          - { compatible: pci10de,228b, name: snd_hda_intel, bus: pci, pci-ids: ["10de:228b"] }
          - { compatible: pciclass,010601, name: ahci, bus: pci, pci-ids: ["class:010601"] }
        """;

    private static VfioPlan Plan(string device)
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "OracleX86", "q35-intel", "machine");
        var dmar = DmarParser.Parse(File.ReadAllBytes(Path.Combine(dir, "tables", "DMAR")), "DMAR");
        var acpi = new AcpiMachine(dir, dmar, null, null, null, null);
        var config = X86KernelConfig.Load(Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-amd64", "config.txt"));
        var options = new BootOptions { Profile = "debian-6.1", X86 = new X86MachineInputs(acpi, PciTopologyFile.Parse(Pci, "pc.yaml"), config) }
            .WithScenario(ScenarioFile.Parse(Drivers, "drivers.yaml"), profileGiven: true);
        var kernel = options.CreateKernel(new DtTree(), "pc");
        return VfioPlanner.Plan(kernel, kernel.Boot(), device);
    }

    [Fact]
    public void The_gpu_and_its_audio_function_go_together_and_both_kernel_drivers_are_unbound()
    {
        var plan = Plan("0000:01:00.0");
        Assert.False(plan.Refused);
        Assert.Equal(["0000:01:00.0", "0000:01:00.1"], plan.Members.Select(m => m.Device).Order(StringComparer.Ordinal));
        Assert.False(plan.Viability!.Viable);
        Assert.Equal(
        [
            new SetDriverOverride("pci", "0000:01:00.1", "vfio-pci"), new UnbindDriver("pci", "0000:01:00.1", "snd_hda_intel"), new ProbeDrivers("pci", "0000:01:00.1"),
            new SetDriverOverride("pci", "0000:01:00.0", "vfio-pci"), new UnbindDriver("pci", "0000:01:00.0", "nouveau"), new ProbeDrivers("pci", "0000:01:00.0"),
        ], plan.Steps);
    }

    [Fact]
    public void Planning_the_audio_function_alone_is_refused_because_the_gpu_is_a_display_with_a_driver()
    {
        var plan = Plan("0000:01:00.1");
        var r = Assert.IsType<UnsafeGroupMate>(Assert.Single(plan.Refusals));
        Assert.Equal(("0000:01:00.0", VfioHazard.DisplayInUse), (r.Device, r.Hazard));
    }
}
