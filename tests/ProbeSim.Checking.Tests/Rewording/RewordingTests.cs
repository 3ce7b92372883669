using System.Text.Json;
using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Checking.Explain;
using ProbeSim.Checking.Invariants;
using ProbeSim.Checking.Tests.CorpusDiff;
using ProbeSim.Checking.Vfio;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Reasons;
using ProbeSim.Reports.Text;

namespace ProbeSim.Checking.Tests.Rewording;

/// <summary>
/// Issue 16 item 2: the words of every reason are made in ProbeSim.Reports only. Rewording every message changes what
/// the reports print and no check: invariants, explanations' structure, corpus-diff causes and their groups, VFIO plans.
/// </summary>
public class RewordingTests
{
    private static readonly IReasonWords Other = new RewordedWords();

    [Fact]
    public void The_model_and_the_checks_do_not_reference_the_reports()
    {
        foreach (var asm in new[] { typeof(ProbeSim.Kernel.Boot.Kernel).Assembly, typeof(InvariantTable).Assembly })
            Assert.DoesNotContain(asm.GetReferencedAssemblies(), a => a.Name == typeof(ReasonWords).Assembly.GetName().Name);
    }

    [Fact]
    public void Every_note_of_a_boot_is_reworded_and_nothing_else_changes()
    {
        var (kernel, result) = Scenario.Boot(DiffBoards.IommuOff, profile: "v4.12-rc1");
        var invariantsBefore = Violations(kernel);
        using var plain = JsonDocument.Parse(BootJsonWriter.ToJson(result));
        using var reworded = JsonDocument.Parse(BootJsonWriter.ToJson(result, new BootJsonOptions { Words = Other }));
        var a = plain.RootElement.GetProperty("devices").EnumerateArray().ToList();
        var b = reworded.RootElement.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal(a.Count, b.Count);
        int notes = 0;
        for (int i = 0; i < a.Count; i++)
            foreach (var p in a[i].EnumerateObject())
            {
                var q = b[i].GetProperty(p.Name);
                if (p.Name is "note" or "dmaNote" && p.Value.ValueKind == JsonValueKind.String)
                {
                    notes++;
                    Assert.StartsWith(RewordedWords.Marker, q.GetString());
                }
                else Assert.Equal(p.Value.GetRawText(), q.GetRawText());
            }
        // the board has deferred, disabled and no-IOMMU devices: notes of several kinds
        Assert.True(notes >= 3, $"{notes} notes");
        // the checks read the kernel and the typed result, never the words
        Assert.Equal(invariantsBefore, Violations(kernel));
    }

    [Fact]
    public void Invariant_findings_are_typed_and_reworded_by_the_reports()
    {
        // spec driver-core S3: the master behind the disabled, declared SMMU defers forever under v4.12-rc1
        var (kernel, _) = Scenario.Boot(DiffBoards.IommuOff, profile: "v4.12-rc1");
        var found = InvariantTable.Find("deferred-forever")!.Evaluate(kernel).ToList();
        Assert.NotEmpty(found);
        Assert.All(found, v => Assert.IsType<DeferredForeverFinding>(v.Finding));
        Assert.All(found, v => Assert.StartsWith(RewordedWords.Marker, Other.Finding(v.Finding)));
        Assert.All(found, v => Assert.DoesNotContain(RewordedWords.Marker, ReasonWords.Default.Finding(v.Finding)));
        Assert.Equal(found, InvariantTable.Find("deferred-forever")!.Evaluate(kernel).ToList());
    }

    [Fact]
    public void Explanations_reworded_keep_their_chains_and_root_causes()
    {
        var (kernel, result) = Scenario.Boot(DiffBoards.IommuOff, profile: "v4.12-rc1");
        foreach (var e in Explainer.ExplainAll(kernel, result))
        {
            using var a = JsonDocument.Parse(ExplanationJsonWriter.ToJson(e, "b", "p"));
            using var b = JsonDocument.Parse(ExplanationJsonWriter.ToJson(e, "b", "p", Other));
            Assert.StartsWith(RewordedWords.Marker, b.RootElement.GetProperty("summary").GetString());
            Assert.Equal(a.RootElement.GetProperty("rootCauses").GetArrayLength(), b.RootElement.GetProperty("rootCauses").GetArrayLength());
            Assert.Equal(a.RootElement.GetProperty("chain").GetArrayLength(), b.RootElement.GetProperty("chain").GetArrayLength());
            Assert.All(b.RootElement.GetProperty("rootCauses").EnumerateArray(), r => Assert.StartsWith(RewordedWords.Marker, r.GetString()));
        }
    }

    [Fact]
    public void Corpus_diff_causes_group_the_same_changes_in_any_words()
    {
        var r = DiffBoards.Rc1VsV412(DiffBoards.Many(12));
        Assert.NotEmpty(r.Changes);
        var plain = CorpusDiffReport.Groups(r.Changes);
        var reworded = CorpusDiffReport.Groups(r.Changes, Other);
        Assert.Equal(plain.Select(g => g.Changes.ToHashSet()).ToList().Count, reworded.Count);
        foreach (var g in plain)
        {
            Assert.Contains(reworded, h => h.Changes.ToHashSet().SetEquals(g.Changes));
            Assert.DoesNotContain(RewordedWords.Marker, g.Cause);
        }
        Assert.All(reworded, g => Assert.StartsWith(RewordedWords.Marker, g.Cause));
    }

    [Fact]
    public void Vfio_plans_do_not_depend_on_words()
    {
        var (kernel, result) = Scenario.Boot(DiffBoards.IommuOff, profile: "v6.6");
        foreach (var d in result.Devices.Where(d => d.State != DeviceState.NotPresent))
        {
            // the refusals are typed records, made before any words (Reports.Vfio words them)
            var plan = VfioPlanner.Plan(kernel, result, d.Name);
            Assert.All(plan.Refusals, r => Assert.IsAssignableFrom<VfioRefusal>(r));
            Assert.Equal(plan.Refusals, VfioPlanner.Plan(kernel, result, d.Name).Refusals);
        }
    }

    private static List<string> Violations(ProbeSim.Kernel.Boot.Kernel kernel) =>
        InvariantTable.All.Where(i => i.Check is not null)
            .SelectMany(i => i.Evaluate(kernel).Select(v => $"{v.Invariant}: {v.Device}: {v.Finding}")).ToList();
}

/// <summary>
/// Every invariant's finding is a typed record worded in ProbeSim.Reports (issue 16, item 2): no invariant hands the
/// reports a finished sentence, and each kind of finding has its own words.
/// </summary>
public class FindingWordsTests
{
    private static readonly IReadOnlyList<Finding> OneOfEach =
    [
        new DeferredForeverFinding([]),
        new StateLeakFinding(LeakedDmaState.ArmIommuMapping, ProbeSim.Kernel.Dma.DmaOpsKind.ArmIommu),
        new StateLeakFinding(LeakedDmaState.IommuDmaOps, ProbeSim.Kernel.Dma.DmaOpsKind.IommuDma),
        new StateLeakFinding(LeakedDmaState.PrivateDomain, ProbeSim.Kernel.Dma.DmaOpsKind.IommuDma),
        new OpsWithoutDomainFinding(ProbeSim.Kernel.Dma.DmaOpsKind.ArmIommu),
        new NoDmaPathFinding(Blocked: true),
        new SharedOwnerFinding("e1000e", 3, null),
        new AccessFaultFinding(0x1000, 4096, "translation fault"),
        new SupplierUnboundFinding("acme-mmc", "1000.clock-controller", null),
        new SupplierUnboundFinding("acme-mmc", "1000.clock-controller", "clocks"),
        new KernelCrashFinding("kernel BUG at drivers/vfio/vfio.c:608!"),
        new OrderDependentFinding(null, new ProbeSim.Checking.Exploration.DeviceSignature("bound", "acme", "direct", "-", "-")),
    ];

    [Fact]
    public void Every_kind_of_finding_has_words_of_its_own_and_can_be_reworded()
    {
        // every concrete Finding type of the checking library is in the list above
        var kinds = typeof(Finding).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Finding)) && !t.IsAbstract).ToHashSet();
        Assert.Equal(kinds, OneOfEach.Select(f => f.GetType()).ToHashSet());
        var other = new RewordedWords();
        foreach (var f in OneOfEach)
        {
            var words = ReasonWords.Default.Finding(f);
            Assert.NotEqual(f.ToString(), words);
            Assert.DoesNotContain(RewordedWords.Marker, words);
            Assert.StartsWith(RewordedWords.Marker, other.Finding(f));
        }
    }
}
