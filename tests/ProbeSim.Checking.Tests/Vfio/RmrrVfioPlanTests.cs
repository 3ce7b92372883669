using ProbeSim.Acpi.Dmar;
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

    // VT-d 3.x section 8.4: type 1, length, reserved, segment, base, limit, then device scopes (type 1 endpoint, length,
    // reserved, enumeration id, start bus, path (device, function))
    private static byte[] WithRmrr(byte bus, byte dev, byte fn)
    {
        var table = File.ReadAllBytes(Path.Combine(Machine, "tables", "DMAR")).ToList();
        var rmrr = new byte[24 + 8];
        rmrr[0] = 1; rmrr[2] = (byte)rmrr.Length;
        BitConverter.GetBytes(0x7a000000UL).CopyTo(rmrr, 8);
        BitConverter.GetBytes(0x7a0fffffUL).CopyTo(rmrr, 16);
        rmrr[24] = 1; rmrr[25] = 8; rmrr[29] = bus; rmrr[30] = dev; rmrr[31] = fn;
        table.AddRange(rmrr);
        var b = table.ToArray();
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
