using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Tests;
using ProbeSim.Acpi.Machine;
using ProbeSim.Checking.Vfio;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.X86;

namespace ProbeSim.Checking.Tests.Vfio;

/// <summary>
/// A device with a platform RMRR that is not relaxable cannot be handed to VFIO on an Intel machine: intel-iommu refuses to
/// attach it to an unmanaged domain (device_is_rmrr_locked, 6.1.192 drivers/iommu/intel/iommu.c:2648-2657, 4324-4328);
/// RMRRs of USB and display functions are relaxable (iommu.c:2617-2629). The machine is the QEMU q35 one the real kernel
/// booted (tests/ProbeSim.Kernel.Tests/OracleX86/q35-intel), its DMAR with one RMRR structure added.
/// </summary>
public class RmrrVfioPlanTests
{
    private static string Machine => Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "OracleX86", "q35-intel", "machine");

    // the q35 DMAR with one RMRR (VT-d section 8.4, laid out by the Acpi tests' builder) naming one endpoint; the header's
    // length and checksum made to agree again
    private static byte[] WithRmrr(byte bus, byte dev, byte fn)
    {
        var b = File.ReadAllBytes(Path.Combine(Machine, "tables", "DMAR"))
            .Concat(DmarBytes.Rmrr(0, 0x7a000000, 0x7a0fffff, DmarBytes.Scope(1, 0, bus, dev, fn))).ToArray();
        BitConverter.GetBytes(b.Length).CopyTo(b, 4);
        b[9] = 0;
        b[9] = (byte)(0x100 - b.Sum(x => x) % 0x100);
        return b;
    }

    private static VfioPlan Plan(byte[] dmar, string device)
    {
        var acpi = AcpiMachine.Load(Machine) with { Dmar = DmarParser.Parse(dmar, "DMAR") };
        var config = X86KernelConfig.Load(Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-amd64", "config.txt"));
        var options = new BootOptions { Profile = "debian-6.1", X86 = new X86MachineInputs(acpi, PciSysfsDump.Load(acpi.PciDumpDirectory!).Single(), config) };
        var kernel = options.CreateKernel(new DtTree(), "q35");
        var result = kernel.Boot();
        return VfioPlanner.Plan(kernel, result, device);
    }

    [Fact]
    public void A_nic_with_an_rmrr_is_refused_as_a_kernel_rule()
    {
        var plan = Plan(WithRmrr(0, 1, 0), "0000:00:01.0");
        var refusal = Assert.IsType<RmrrLocked>(Assert.Single(plan.Refusals));
        Assert.Equal(("0000:00:01.0", 0x7a000000UL, 0x7a0fffffUL), (refusal.Device, refusal.Start, refusal.End));
    }

    [Fact]
    public void A_group_mate_with_an_rmrr_refuses_the_whole_group_but_another_group_is_unaffected()
    {
        // 01:00.0 and 01:00.1 share group 2 with their root port; the RMRR names 01:00.0
        Assert.Contains(Plan(WithRmrr(1, 0, 0), "0000:01:00.1").Refusals, r => r is RmrrLocked { Device: "0000:01:00.0" });
        Assert.DoesNotContain(Plan(WithRmrr(1, 0, 0), "0000:04:00.0").Refusals, r => r is RmrrLocked);
    }
}
