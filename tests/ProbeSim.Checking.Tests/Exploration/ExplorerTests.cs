using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Checking.Tests.Exploration;

public class ExplorerTests
{
    static ExplorationReport Explore(PreparedBoot boot, ExplorationOptions? o = null) => new Explorer(boot, o ?? new ExplorationOptions()).Run();

    static PreparedBoot Small(string dts, string? scenario, string profile = "v6.6", string cmdline = "", params string[] set) =>
        Scenario.Options(scenario, profile, cmdline, set).Prepare(Scenario.Tree(dts), "test.dts");

    // story C on the real R-Car Gen2 Koelsch tree of v4.12, with the IPMMU enabled and the display behind it
    internal static PreparedBoot Koelsch(string profile)
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Checking.Tests", "StoryC");
        var root = TestPaths.Corpus("v4.12");
        var lo = new LoadOptions { Format = InputFormat.Dts, Preprocess = true };
        lo.PreprocessorIncludeDirs.Add(Path.Combine(root, "src", "arm"));
        lo.PreprocessorIncludeDirs.Add(Path.Combine(root, "include"));
        var tree = new DeviceTreeLoader(null).Load(Path.Combine(dir, "koelsch-ipmmu.dts"), lo).Tree;
        var options = new BootOptions { Profile = profile }.WithScenario(ScenarioFile.Load(Path.Combine(dir, "drivers.yaml")), profileGiven: true);
        return options.Prepare(tree, "koelsch-ipmmu.dts");
    }

    static readonly ExplorationOptions DeferAnyProbe = new()
    {
        Faults = FaultSpec.Parse("defer"),
        Choices = ExplorationOptions.ParseChoices("faults"),
    };

    [Fact]
    public void Story_c_stale_arm32_dma_ops_is_found_on_koelsch_under_v4_12_rc1_with_a_one_step_trace()
    {
        var r = Explore(Koelsch("v4.12-rc1"), DeferAnyProbe);
        Assert.True(r.Complete);
        var v = Assert.Single(r.Violations);
        Assert.Equal(("iommu-ops-without-domain", "feb00000.display"), (v.Violation.Invariant, v.Violation.Device));
        // the minimal trace: one injected deferral of the display's first probe, then the broken invariant
        Assert.Collection(v.Trace,
            s => Assert.Equal(("fault", "probe of feb00000.display returns -EPROBE_DEFER (attempt 1)"), (s.Kind, s.Text)),
            s => Assert.Equal("violation", s.Kind));
        Assert.Contains(v.Log, l => l.Text == "iommu: Adding device feb00000.display to group 0");
        Assert.Contains(v.Log, l => l.Text == "platform feb00000.display: Retrying from deferred list");
    }

    [Fact]
    public void Story_c_finds_nothing_on_koelsch_under_v4_12()
    {
        var r = Explore(Koelsch("v4.12"), DeferAnyProbe);
        Assert.True(r.Complete);
        Assert.Empty(r.Violations);
        Assert.True(r.Schedules > 50);
    }

    // two drivers match the uart; whichever registers first binds it (link order decides)
    static readonly string TwoDrivers = Scenario.Soc("""
        uart: serial@1000 { compatible = "acme,uart", "ns16550a"; reg = <0x1000 0x100>; };
        """);
    const string TwoDriversSet = "drivers:\n  - { compatible: acme,uart, name: acme-uart }\n  - { compatible: ns16550a, name: serial8250 }\n";

    [Fact]
    public void An_order_dependent_outcome_is_found_with_a_one_step_trace()
    {
        var r = Explore(Small(TwoDrivers, TwoDriversSet));
        Assert.True(r.Complete);
        var v = Assert.Single(r.Violations);
        Assert.Equal((InvariantTable.OrderDependent, "1000.serial"), (v.Violation.Invariant, v.Violation.Device));
        Assert.Contains("driver=acme-uart", v.Violation.Finding.Text());
        Assert.Contains("driver=serial8250", v.Violation.Finding.Text());
        Assert.Equal("link order", v.Trace[0].Kind);
        Assert.Equal("serial8250 registers first", v.Trace[0].Text);
        Assert.Equal(2, v.Trace.Count);
    }

    [Fact]
    public void The_sample_board_is_order_independent_with_its_drivers_at_their_initcall_levels()
    {
        var board = Path.Combine(TestPaths.Samples, "boards", "probesim-demo.dts");
        var lo = new LoadOptions { Format = InputFormat.Dts, Preprocess = true };
        lo.PreprocessorIncludeDirs.Add(Path.GetDirectoryName(board)!);
        lo.PreprocessorIncludeDirs.Add(Path.Combine(Path.GetDirectoryName(board)!, "include"));
        var tree = new DeviceTreeLoader(null).Load(board, lo).Tree;
        var options = new BootOptions().WithScenario(ScenarioFile.Load(Path.Combine(TestPaths.Samples, "configs", "demo-initcalls.yaml")), false);
        var r = Explore(options.Prepare(tree, "probesim-demo.dts"));
        Assert.True(r.Complete);
        Assert.Empty(r.Violations);
        Assert.True(r.Schedules > 100);
    }

    // a consumer waits for a clock provider that user space loads as a module; its retry may be in flight when the module binds
    static readonly string LateModule = Scenario.Soc("""
        cru: clock-controller@1000 { compatible = "acme,cru"; reg = <0x1000 0x100>; #clock-cells = <1>; };
        uart: serial@2000 { compatible = "acme,uart"; reg = <0x2000 0x100>; clocks = <&cru 0>; };
        other: timer@3000 { compatible = "acme,timer"; reg = <0x3000 0x100>; };
        """);
    const string LateModuleSet = "drivers:\n  - { compatible: acme,cru, as: module, load-at: 2 }\n  - { compatible: acme,timer, as: module, load-at: 0.5 }\n";

    [Fact]
    public void The_trigger_count_closes_the_lost_trigger_window_and_without_it_a_device_defers_forever()
    {
        var o = new ExplorationOptions { Choices = ExplorationOptions.ParseChoices("window") };
        Assert.Empty(Explore(Small(LateModule, LateModuleSet, "v4.14", "fw_devlink=off"), o).Violations);
        var r = Explore(Small(LateModule, LateModuleSet, "v4.14", "fw_devlink=off", "deferred_trigger_count=false"), o);
        var v = Assert.Single(r.Violations, x => x.Violation.Invariant == "deferred-forever");
        Assert.Equal("2000.serial", v.Violation.Device);
        Assert.Contains("every supplier bound", v.Violation.Finding.Text());
        Assert.Contains(v.Trace, s => s.Kind == "concurrent" && s.Text.Contains("loads while 2000.serial probes"));
    }

    [Fact]
    public void Random_and_pct_schedules_are_replayable_from_their_seed()
    {
        var boot = Small(TwoDrivers, TwoDriversSet);
        foreach (var s in new[] { Strategy.Random, Strategy.Pct })
        {
            var a = Explore(boot, new ExplorationOptions { Strategy = s, Budget = 20, Seed = 7 });
            var b = Explore(boot, new ExplorationOptions { Strategy = s, Budget = 20, Seed = 7 });
            Assert.Equal(a.Violations.Select(v => v.Replay), b.Violations.Select(v => v.Replay));
            Assert.NotEmpty(a.Violations);
            // the replay string alone reproduces the schedule: serial8250 binds the uart
            var replayed = ScheduleRun.Execute(boot, new ExplorationSchedule(ReplayString.Parse(a.Violations[0].Replay), PickMode.Default, FaultSpec.None), Array.Empty<Invariant>());
            Assert.Equal("serial8250", replayed.Kernel.FindDevice("1000.serial")!.Driver!.Name);
        }
    }

    [Theory]
    [InlineData("defer,probe:1000.serial@2=EIO,nomem,domain-alloc,iommu-fail:x=ENOMEM,iommu-no-register,banks=1,banks:smmu=2,unbind,max=2")]
    public void Fault_specs_parse(string text)
    {
        var f = FaultSpec.Parse(text);
        Assert.Equal(6, f.Rules.Count);
        Assert.True(f.Unbind);
        Assert.Equal(2, f.MaxChoiceFaults);
        Assert.Equal(2, f.ContextBanks["smmu"]);
        Assert.Throws<ArgumentException>(() => FaultSpec.Parse("defer@0"));
        Assert.Throws<ArgumentException>(() => FaultSpec.Parse("probe=EWHAT"));
    }
}
