using System.Text;
using ProbeSim.Checking.Exploration;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Checking.Tests.Exploration;

/// <summary>
/// The forking explorer is the re-booting one, faster: with <see cref="ExplorationOptions.Fork"/> on and off, the same
/// schedules, pruned schedules, states, violations, replay strings and traces.
/// </summary>
public class ForkExplorerTests
{
    private static string Report(ExplorationReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"schedules {r.Schedules} pruned {r.Pruned} states {r.States} complete {r.Complete}");
        foreach (var v in r.Violations)
        {
            sb.AppendLine($"violation {v.Violation} replay {v.Replay} found-with {v.FoundWithSteps}");
            foreach (var s in v.Trace) sb.AppendLine($"  {s.Step} {s.TimeUs} {s.Kind} {s.Text}");
            foreach (var l in v.Log) sb.AppendLine($"  log {l.TimeUs} {l.Text}");
        }
        return sb.ToString();
    }

    private static (string Fork, string Reboot) Both(PreparedBoot boot, ExplorationOptions o, bool forks = true)
    {
        var forking = new Explorer(boot, o with { Fork = true });
        var fork = Report(forking.Run());
        var rebooting = new Explorer(boot, o with { Fork = false });
        var reboot = Report(rebooting.Run());
        Assert.Equal(0, rebooting.Forked);
        // the comparison means something only if schedules did start from snapshots
        if (forks) Assert.True(forking.Forked > 0, "no schedule started from a snapshot");
        else Assert.Equal(0, forking.Forked);
        return (fork, reboot);
    }

    // story C on the real Koelsch tree of v4.12 (the explorer tests' board)
    private static PreparedBoot Koelsch(string profile) => ExplorerTests.Koelsch(profile);

    private static PreparedBoot SampleBoard()
    {
        var board = Path.Combine(TestPaths.Samples, "boards", "probesim-demo.dts");
        var lo = new LoadOptions { Format = InputFormat.Dts, Preprocess = true };
        lo.PreprocessorIncludeDirs.Add(Path.GetDirectoryName(board)!);
        lo.PreprocessorIncludeDirs.Add(Path.Combine(Path.GetDirectoryName(board)!, "include"));
        var tree = new DeviceTreeLoader(null).Load(board, lo).Tree;
        var options = new BootOptions().WithScenario(ScenarioFile.Load(Path.Combine(TestPaths.Samples, "configs", "demo-initcalls.yaml")), false);
        return options.Prepare(tree, "probesim-demo.dts");
    }

    [Theory]
    [InlineData("v4.12-rc1", "defer", "faults")]
    [InlineData("v4.12", "defer", "faults")]
    [InlineData("v4.12-rc1", "none", "order")]
    [InlineData("v4.12-rc1", "defer", "")]
    public void Exhaustive_search_on_story_c_is_the_same_with_and_without_forking(string profile, string faults, string choices)
    {
        var o = new ExplorationOptions { Faults = faults == "none" ? FaultSpec.None : FaultSpec.Parse(faults), Choices = ExplorationOptions.ParseChoices(choices), Budget = 3000 };
        var (fork, reboot) = Both(Koelsch(profile), o);
        Assert.Equal(reboot, fork);
    }

    [Fact]
    public void Exhaustive_search_on_the_sample_board_is_the_same_with_and_without_forking()
    {
        var (fork, reboot) = Both(SampleBoard(), new ExplorationOptions());
        Assert.Equal(reboot, fork);
    }

    // a random or PCT search forks only from a boundary before the default boot's first choice: on the async boards a
    // probe window or the async queue may come first (then every schedule re-boots, and both searches must still agree)
    [Theory]
    [InlineData("story-c-v4.12-rc1-async-defer", Strategy.Random, false)]
    [InlineData("story-c-v4.12-async", Strategy.Pct, true)]
    [InlineData("sample-initcalls-async", Strategy.Random, false)]
    [InlineData("pci-smmuv3-dma", Strategy.Random, true)]
    [InlineData("arm-smmu-banks", Strategy.Random, true)]
    [InlineData("arm-smmu-banks", Strategy.Exhaustive, true)]
    [InlineData("pci-smmuv3-dma", Strategy.Exhaustive, true)]
    [InlineData("story-c-v4.12-rc1-async-defer", Strategy.Exhaustive, true)]
    // no registration boundary on the late-module board: every schedule re-boots
    [InlineData("late-module-timeout", Strategy.Random, false)]
    public void Searches_on_the_property_boards_are_the_same_with_and_without_forking(string name, Strategy strategy, bool forks)
    {
        var board = StateDigestPropertyTests.Make(name);
        var o = new ExplorationOptions { Strategy = strategy, Seed = 11, Budget = strategy == Strategy.Exhaustive ? 400 : 150, Faults = board.Faults, Choices = board.Kinds };
        var (fork, reboot) = Both(board.Boot, o, forks);
        Assert.Equal(reboot, fork);
    }

    [Fact]
    public void Random_search_on_story_c_forks_from_the_first_choice_and_agrees()
    {
        var o = new ExplorationOptions { Strategy = Strategy.Random, Seed = 5, Budget = 200 };
        var (fork, reboot) = Both(Koelsch("v4.12-rc1"), o);
        Assert.Equal(reboot, fork);
    }
}
