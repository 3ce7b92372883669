using ProbeSim.TestSupport;
using System.Text;
using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Checking.Tests.Exploration;

/// <summary>
/// The property state hashing rests on: two schedules that reach the same choice-point key (the kernel's state digest, the
/// choice's kind and options, what the explorer adds) go on alike. Random schedules record, at every choice point, the
/// key and the choices that led there; whenever two different prefixes reach one key, both are run with the same random
/// continuations, and everything the checks and the reports read at the end must agree, down to the final digest.
/// </summary>
public class StateDigestPropertyTests
{
    private const int Runs = 600, MaxPairs = 100, Continuations = 3;

    internal sealed record Board(PreparedBoot Boot, FaultSpec Faults, IReadOnlySet<ChoiceKind> Kinds);

    [Theory]
    [InlineData("story-c-v4.12-rc1-async-defer")]
    [InlineData("story-c-v4.12-async")]
    [InlineData("sample-initcalls-async")]
    [InlineData("pci-smmuv3-dma")]
    [InlineData("arm-smmu-banks")]
    [InlineData("late-module-timeout")]
    public void Schedules_reaching_the_same_key_end_alike(string name)
    {
        var board = Make(name);
        // key -> the first prefix that reached it
        var first = new Dictionary<ulong, int[]>();
        var pairs = new List<(int[] A, int[] B)>();
        var seenPairs = new HashSet<string>(StringComparer.Ordinal);
        var done = new List<Choice[]>();
        var rng = new Random(20240611);
        for (int run = 0; run < Runs && pairs.Count < MaxPairs; run++)
        {
            // a few random schedules, then neighbours of earlier ones: one choice changed, the rest replayed, so that
            // orders that commute meet again
            var replay = run < 8 || done.Count == 0 ? Array.Empty<int>() : Neighbour(done[rng.Next(done.Count)], rng);
            var observed = new List<(int Pos, ulong Key)>();
            var schedule = new ExplorationSchedule(replay, PickMode.Random, board.Faults, seed: 1000 + run, kinds: board.Kinds)
            {
                ObserveKey = (pos, key) => observed.Add((pos, key)),
            };
            ScheduleRun.Execute(board.Boot, schedule, Array.Empty<Invariant>());
            done.Add(schedule.Choices.ToArray());
            var values = schedule.Choices.Select(c => c.Chosen).ToArray();
            foreach (var (pos, key) in observed)
            {
                var prefix = values[..pos];
                if (!first.TryGetValue(key, out var other)) { first[key] = prefix; continue; }
                if (other.AsSpan().SequenceEqual(prefix)) continue;
                if (seenPairs.Add(string.Join(",", other) + "|" + string.Join(",", prefix)) && pairs.Count < MaxPairs) pairs.Add((other, prefix));
            }
        }
        // the board must give the property something to bite on: prefixes that differ and meet
        Assert.NotEmpty(pairs);
        foreach (var (a, b) in pairs)
            for (int c = 0; c < Continuations; c++)
            {
                var (outA, tailA) = Continue(board, a, 7 + c);
                var (outB, tailB) = Continue(board, b, 7 + c);
                Assert.True(tailA == tailB && outA == outB,
                    $"{name}: prefixes [{string.Join(",", a)}] and [{string.Join(",", b)}] reach one key, but continuation {c} ends apart:\n" +
                    Diff(tailA + "\n" + outA, tailB + "\n" + outB));
            }
    }

    private static int[] Neighbour(Choice[] choices, Random rng)
    {
        var values = choices.Select(c => c.Chosen).ToArray();
        var open = Enumerable.Range(0, choices.Length).Where(i => choices[i].Count > 1).ToList();
        if (open.Count == 0) return values;
        int p = open[rng.Next(open.Count)];
        values[p] = (values[p] + 1 + rng.Next(choices[p].Count - 1)) % choices[p].Count;
        return values;
    }

    // the prefix replayed, then random choices from one seed: the choices after the prefix and the outcome
    private static (string Outcome, string Tail) Continue(Board board, int[] prefix, int seed)
    {
        var schedule = new ExplorationSchedule(prefix, PickMode.Random, board.Faults, seed, kinds: board.Kinds);
        var run = ScheduleRun.Execute(board.Boot, schedule, InvariantTable.All.Where(i => !i.AcrossSchedules).ToList());
        var tail = string.Join(" ", schedule.Choices.Skip(prefix.Length).Select(c => $"{c.Kind}:{c.Chosen}/{c.Count}"));
        return (Outcome(run), tail);
    }

    /// <summary>What the checks and the reports read at the end of a boot, as text.</summary>
    internal static string Outcome(ScheduleRun run)
    {
        var k = run.Kernel;
        var sb = new StringBuilder();
        sb.AppendLine($"digest {k.StateHash():x16} time {k.NowUs} crash {k.CrashText ?? "-"}");
        foreach (var d in k.Devices)
        {
            var g = d.Iommu.Group;
            sb.Append($"{d.Name}: bound={d.Bound} driver={d.Driver?.Name ?? "-"} deferred={d.Deferred} reason={d.DeferReason ?? "-"} wait={(d.Wait is { } w ? ProbeSim.Reports.Reasons.ReasonWords.Default.Wait(w) : "-")} ");
            sb.Append($"err={d.LastError} attempts={d.ProbeAttempts} unbinds={d.Unbinds} links={d.LinkState} ");
            sb.Append($"dma={d.Dma.Ops}/{k.DmaOutcome(d)} group={(g is null ? "-" : $"{g.Id}:{g.DefaultDomain?.Type}/{g.Domain?.Type}/{g.Owner ?? "kernel"}:{g.OwnerCount}")} ");
            sb.AppendLine("events=" + string.Join(";", d.Dma.Events.Select(e => $"{e.Operation} {e.DmaAddress:x} {e.Result}")));
        }
        foreach (var l in k.DeviceLinks) sb.AppendLine($"link {k.DevlinkName(l)} {l.Status} {l.Flags}");
        foreach (var (sup, con, _) in k.UnboundUnderConsumers) sb.AppendLine($"left bound {con.Name} under {sup.Name}");
        foreach (var v in run.Violations) sb.AppendLine($"violation {v.Invariant} {v.Severity} {v.Device}: {v.Finding.Text()}");
        return sb.ToString();
    }

    private static string Diff(string a, string b)
    {
        var la = a.Split('\n');
        var lb = b.Split('\n');
        var sb = new StringBuilder();
        for (int i = 0; i < Math.Max(la.Length, lb.Length); i++)
        {
            var x = i < la.Length ? la[i] : "";
            var y = i < lb.Length ? lb[i] : "";
            if (x != y) sb.AppendLine($"  A: {x}\n  B: {y}");
        }
        return sb.ToString();
    }

    // --- the boards

    internal static Board Make(string name) => name switch
    {
        // every driver asynchronous (driver_async_probe=*): the async queue's order and the probe windows are choices
        "story-c-v4.12-rc1-async-defer" => new(Koelsch("v4.12-rc1", Async), FaultSpec.Parse("defer"), ExplorationOptions.AllChoices),
        "story-c-v4.12-async" => new(Koelsch("v4.12", Async), FaultSpec.None, ExplorationOptions.AllChoices),
        "sample-initcalls-async" => new(SampleBoard(Async), FaultSpec.None, ExplorationOptions.AllChoices),
        "pci-smmuv3-dma" => new(Scenario.Options(PciScenario).Prepare(Scenario.Tree(PciBoard), "pci.dts"), FaultSpec.Parse("defer,unbind"),
            ExplorationOptions.AllChoices),
        "arm-smmu-banks" => new(Scenario.Options(SmmuScenario, "v5.10").Prepare(Scenario.Tree(SmmuBoard), "smmu.dts"),
            FaultSpec.Parse("banks:4000.iommu=1,domain-alloc,unbind"), ExplorationOptions.AllChoices),
        // two fault rules: both may offer a choice at one probe, in one state
        "late-module-timeout" => new(Scenario.Options(LateModuleSet, "v5.10", "deferred_probe_timeout=3").Prepare(Scenario.Tree(LateModule), "late.dts"),
            FaultSpec.Parse("defer,nomem,max=2"), ExplorationOptions.AllChoices),
        _ => throw new ArgumentException(name),
    };

    private const string Async = "driver_async_probe=*";

    private static PreparedBoot Koelsch(string profile, string cmdline)
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Checking.Tests", "StoryC");
        var root = TestPaths.Corpus("v4.12");
        var lo = new LoadOptions { Format = InputFormat.Dts, Preprocess = true };
        lo.PreprocessorIncludeDirs.Add(Path.Combine(root, "src", "arm"));
        lo.PreprocessorIncludeDirs.Add(Path.Combine(root, "include"));
        var tree = new DeviceTreeLoader(null).Load(Path.Combine(dir, "koelsch-ipmmu.dts"), lo).Tree;
        var options = new BootOptions { Profile = profile, Cmdline = cmdline }.WithScenario(ScenarioFile.Load(Path.Combine(dir, "drivers.yaml")), profileGiven: true);
        return options.Prepare(tree, "koelsch-ipmmu.dts");
    }

    private static PreparedBoot SampleBoard(string cmdline)
    {
        var board = Path.Combine(TestPaths.Samples, "boards", "probesim-demo.dts");
        var lo = new LoadOptions { Format = InputFormat.Dts, Preprocess = true };
        lo.PreprocessorIncludeDirs.Add(Path.GetDirectoryName(board)!);
        lo.PreprocessorIncludeDirs.Add(Path.Combine(Path.GetDirectoryName(board)!, "include"));
        var tree = new DeviceTreeLoader(null).Load(board, lo).Tree;
        var options = new BootOptions { Cmdline = cmdline }.WithScenario(ScenarioFile.Load(Path.Combine(TestPaths.Samples, "configs", "demo-initcalls.yaml")), false);
        return options.Prepare(tree, "probesim-demo.dts");
    }

    // PCI below a DT host bridge behind an SMMUv3 (iommu-map), a root port without ACS (one group for the port and the
    // functions below), asynchronous probes, DMA activity, and user space moving one function to vfio-pci
    private const string PciBoard = SmmuV3PciBoard.Dts;

    private const string PciScenario = """
        drivers:
          - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"], async: true,
              dma: [ { map: 8K, dir: to-device }, { access: last }, { unmap: last } ] }
          - { compatible: pci144d,a808, name: nvme, bus: pci, pci-ids: ["144d:a808"], async: true, probe: [ {defer: 1}, succeed ],
              dma: [ { alloc-coherent: 16K }, { access: all } ] }
        pci:
          host: /pcie@10000000
          devices:
            - { slot: 00.0, id: "1b36:0008", class: 0x060000 }
            - slot: 01.0
              type: root-port
              acs: none
              below:
                - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
            - slot: 02.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "144d:a808", class: 0x010802 }
                - { slot: 00.1, id: "8086:10d3", class: 0x020000 }
        actions:
          - { at: 1, driver-override: 0000:02:00.1, driver: vfio-pci }
          - { at: 2, unbind: 0000:02:00.1 }
          - { at: 3, bind: 0000:02:00.1, driver: vfio-pci }
          - { at: 4, vfio-set-container: 0000:02:00.1 }
          - { at: 5, iommu-group-type: 0000:01:00.0, type: identity }
        """;

    // an arm-smmu with context banks, masters competing for them, and a clock controller
    private const string SmmuBoard = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
         soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
          cru: clock-controller@1000 { compatible = "acme,cru"; reg = <0x1000 0x100>; #clock-cells = <1>; };
          smmu: iommu@4000 { compatible = "arm,mmu-500"; reg = <0x4000 0x100>; #iommu-cells = <1>; };
          m0: dma@5000 { compatible = "acme,m0"; reg = <0x5000 0x100>; iommus = <&smmu 1>; clocks = <&cru 0>; };
          m1: dma@6000 { compatible = "acme,m1"; reg = <0x6000 0x100>; iommus = <&smmu 2>; };
          m2: dma@7000 { compatible = "acme,m2"; reg = <0x7000 0x100>; iommus = <&smmu 2>; };
         };
        };
        """;

    private const string SmmuScenario = """
        drivers:
          - { compatible: acme,m0, dma: [ { map: 4K }, { access: last } ] }
          - { compatible: acme,m1, async: true, dma: [ { alloc-coherent: 8K }, { access: last } ] }
          - { compatible: acme,m2, async: true }
        """;

    // a consumer waits for a clock provider user space loads late, with a deferred-probe timeout running
    private const string LateModule = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
         soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
          cru: clock-controller@1000 { compatible = "acme,cru"; reg = <0x1000 0x100>; #clock-cells = <1>; };
          uart: serial@2000 { compatible = "acme,uart"; reg = <0x2000 0x100>; clocks = <&cru 0>; };
          other: timer@3000 { compatible = "acme,timer"; reg = <0x3000 0x100>; };
          spi: spi@4000 { compatible = "acme,spi"; reg = <0x4000 0x100>; clocks = <&cru 1>; #address-cells = <1>; #size-cells = <0>;
            flash@0 { compatible = "jedec,spi-nor"; reg = <0>; }; };
         };
        };
        """;

    private const string LateModuleSet = """
        module-autoload-at: 1
        drivers:
          - { compatible: acme,cru, as: module, load-at: 2 }
          - { compatible: acme,timer, as: module, load-at: 0.5 }
          - { compatible: acme,spi, async: true }
          - { compatible: jedec,spi-nor, as: module }
        """;
}
