using ProbeSim.TestSupport;
using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Tests.Exploration;

/// <summary>What each injected fault does to the kernel (which registrations commute: kernel tests, RegistrationsCommuteTests).</summary>
public class ReductionAndFaultTests
{
    // a clock controller, two of its consumers, and masters of an arm-smmu (context banks) and of an SMMUv3 (per-device groups)
    static readonly string Dts = Scenario.Soc(ClockAndSmmuBoard.SocBody);

    static ScheduleRun RunWith(string dts, string? scenario, string profile, string faults)
    {
        var boot = Scenario.Options(scenario, profile).Prepare(Scenario.Tree(dts), "test.dts");
        return ScheduleRun.Execute(boot, new ExplorationSchedule(Array.Empty<int>(), PickMode.Default, FaultSpec.Parse(faults)), InvariantTable.All);
    }

    [Fact]
    public void An_iommu_probe_failure_leaves_the_iommu_failed_with_the_injected_errno()
    {
        var run = RunWith(Dts, null, "v6.6", "iommu-fail:7000.iommu=ENODEV");
        var smmu3 = run.Kernel.FindDevice("7000.iommu")!;
        Assert.False(smmu3.Bound);
        Assert.Equal(-19, smmu3.LastError);
        Assert.Equal("IOMMU driver probe of 7000.iommu fails with -ENODEV", Assert.Single(run.Schedule.Fired).Text);
    }

    [Fact]
    public void A_context_bank_limit_of_one_blocks_the_second_arm_smmu_master_under_v5_10()
    {
        // iommu-core S8: v5.x adds the device, fails the attach, removes it, and the unmatched stream is aborted
        var armSmmuOnly = string.Join("\n", Dts.Split('\n').Where(l => !l.Contains("smmu3")));
        var run = RunWith(armSmmuOnly, null, "v5.10", "banks:4000.iommu=1");
        var blocked = run.Violations.Where(v => v.Invariant == "no-dma-path").Select(v => v.Device).ToList();
        Assert.Equal(new[] { "6000.dma" }, blocked);
    }

    [Fact]
    public void An_allocation_failure_fails_the_probe_with_enomem()
    {
        var run = RunWith(Dts, null, "v6.6", "nomem:2000.serial");
        Assert.Equal(-12, run.Kernel.FindDevice("2000.serial")!.LastError);
    }

    [Fact]
    public void Unbinding_a_clock_controller_without_device_links_is_found_by_exploring_unbinds()
    {
        var dts = Scenario.Soc("""
            cru: clock-controller@1000 { compatible = "acme,cru"; reg = <0x1000 0x100>; #clock-cells = <1>; };
            uart: serial@2000 { compatible = "acme,uart"; reg = <0x2000 0x100>; clocks = <&cru 0>; };
            """);
        var o = new ExplorationOptions { Faults = FaultSpec.Parse("unbind"), Choices = ExplorationOptions.ParseChoices("unbind") };
        var without = new Explorer(Scenario.Options(cmdline: "fw_devlink=off").Prepare(Scenario.Tree(dts), "t"), o).Run();
        var v = Assert.Single(without.Violations);
        Assert.Equal(("supplier-unbound", "2000.serial"), (v.Violation.Invariant, v.Violation.Device));
        Assert.Equal("echo 1000.clock-controller > unbind, then bind again", v.Trace[0].Text);
        // fw_devlink=on: the device link unbinds the uart first and its deferred probe binds it again after the rebind
        var with = new Explorer(Scenario.Options().Prepare(Scenario.Tree(dts), "t"), o).Run();
        Assert.Empty(with.Violations);
    }
}
