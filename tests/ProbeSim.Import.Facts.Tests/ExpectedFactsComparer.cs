using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>
/// Compares the facts read from the source by hand (<see cref="ExpectedDriver"/>) with what an import recorded
/// (<see cref="ImportedKernel"/>). Each difference is one line starting with the driver id; an empty list means agreement.
/// Compared: name, bus, status, module (modules and modules.builtin code), initcall, registered-by, async probe, driver_managed_dma, prevent_deferred_probe, OF
/// compatibles and bus ids in table order, the plan's requests (kind, lookup, policy, and the name of by-name lookups)
/// in order, its children (kind, name, compatible; of the variant children_when names), the deferral texts, and each early declare (init, provides,
/// leaves-node).
/// </summary>
public static class ExpectedFactsComparer
{
    public static IReadOnlyList<string> Compare(ExpectedDriver e, ImportedKernel k)
    {
        var diffs = new List<string>();
        void Diff(string what, object? expected, object? actual)
        {
            if (!Equals(expected, actual)) diffs.Add($"{e.Id}: {what} expected {Show(expected)}, imported {Show(actual)}");
        }

        if (e.Bus is not null) CompareDriver(e, k, diffs, Diff);
        CompareEarly(e, k, diffs);
        return diffs;
    }

    /// <summary>Every expected driver against one import: all differences, in file order.</summary>
    public static IReadOnlyList<string> CompareAll(IEnumerable<ExpectedDriver> expected, ImportedKernel k) =>
        expected.SelectMany(e => Compare(e, k)).ToList();

    private static void CompareDriver(ExpectedDriver e, ImportedKernel k, List<string> diffs, Action<string, object?, object?> diff)
    {
        var d = k.Drivers.FirstOrDefault(x => x.Id == e.Id);
        if (d is null)
        {
            // a driver set records what the kernel built (docs/kernel/driver-set-format.md): a driver of a file Kbuild does
            // not build is absent, which is its status
            if (e.Status == BuildStatus.NotBuilt) return;
            diffs.Add($"{e.Id}: driver not imported");
            return;
        }
        diff("name", e.Driver, d.Name);
        diff("bus", e.Bus, d.Bus);
        diff("status", e.Status, d.Status);
        // KBUILD_MODNAME of a module or of built-in code modules.builtin lists; null for plain obj-y code.
        diff("module", e.Module, d.Module);
        if (e.Initcall is not null) diff("initcall", e.Initcall, d.Initcall);
        diff("registered by", e.RegisteredBy, d.RegisteredBy);
        diff("async probe", e.AsyncProbe, d.AsyncProbe);
        diff("driver_managed_dma", e.DriverManagedDma, d.DriverManagedDma);
        diff("prevent_deferred_probe", e.PreventDeferredProbe, d.PreventDeferredProbe);
        if (e.Probe is not null) diff("probe", e.Probe, d.ProbeFunction);

        var matches = k.Matches.Where(m => m.DriverId == e.Id).OrderBy(m => m.Order).ToList();
        diff("of compatibles", Join(e.OfCompatibles), Join(matches.Where(m => m.Kind == MatchKind.Of).Select(m => m.Value)));
        diff("bus ids", Join(e.BusIds), Join(matches.Where(m => m.Kind is not (MatchKind.Of or MatchKind.Acpi)).Select(m => m.Value)));

        var plan = k.Plans.FirstOrDefault(p => p.DriverId == e.Id);
        if (plan is null)
        {
            if (e.Requests.Count + e.Children.Count > 0) diffs.Add($"{e.Id}: no probe plan imported");
            return;
        }
        var requests = plan.Steps.Where(s => s.Kind == PlanStepKind.Request).ToList();
        diff("request count", e.Requests.Count, requests.Count);
        for (var i = 0; i < Math.Min(e.Requests.Count, requests.Count); i++)
        {
            var x = e.Requests[i];
            var a = requests[i];
            diff($"request {i} ({x.At})", Request(x.Kind, x.Lookup, x.Policy, x.Lookup == PlanLookup.Name ? x.Name : null),
                Request(a.Resource, a.Lookup, a.Policy, x.Lookup == PlanLookup.Name && x.Name is not null ? a.Name : null));
        }
        var children = plan.Steps.Where(s => s.Kind == PlanStepKind.Children
            && (e.ChildrenWhen is null || s.When is null || s.When.Split(',').Contains(e.ChildrenWhen))).ToList();
        diff("child count", e.Children.Count, children.Count);
        for (var i = 0; i < Math.Min(e.Children.Count, children.Count); i++)
        {
            var x = e.Children[i];
            var a = children[i];
            diff($"child {i} ({x.At})", Child(x.Kind, x.Name, x.Compatible), Child(a.Child, x.Name is null ? null : a.Name, x.Compatible is null ? null : a.Compatible));
        }
        foreach (var defer in e.Defers.Where(x => x.Text is not null))
            if (!plan.Steps.Any(s => s.Message is { Kind: not PlanMessageKind.Note } m && m.Text.Contains(defer.Text!, StringComparison.Ordinal)))
                diffs.Add($"{e.Id}: deferral text \"{defer.Text}\" ({defer.At}) not in the plan");
    }

    /// <summary>The expected and the imported requests of a driver, one pair per line, for reading a disagreement.</summary>
    public static IEnumerable<string> SideBySide(ExpectedDriver e, ImportedKernel k)
    {
        var plan = k.Plans.FirstOrDefault(p => p.DriverId == e.Id);
        var requests = plan?.Steps.Where(s => s.Kind == PlanStepKind.Request).ToList() ?? new List<PlanStep>();
        for (var i = 0; i < Math.Max(e.Requests.Count, requests.Count); i++)
        {
            var x = i < e.Requests.Count ? e.Requests[i] : null;
            var a = i < requests.Count ? requests[i] : null;
            var left = x is null ? "-" : Request(x.Kind, x.Lookup, x.Policy, x.Name) + $" {x.At}";
            var right = a is null ? "-" : Request(a.Resource, a.Lookup, a.Policy, a.Name) + $" {a.Source} {a.Function}";
            yield return $"{i}: {left}  |  {right}";
        }
    }

    private static void CompareEarly(ExpectedDriver e, ImportedKernel k, List<string> diffs)
    {
        foreach (var x in e.Early)
        {
            // two declares may share a compatible (shared-dma-pool: rmem_cma_setup and rmem_dma_setup): prefer the same init
            var candidates = k.EarlyInits.Where(i => i.Compatible == x.Compatible && i.Table == x.Table).ToList();
            var a = candidates.FirstOrDefault(i => InitNames(x).Contains(i.InitFunction)) ?? candidates.FirstOrDefault();
            if (a is null)
            {
                diffs.Add($"{e.Id}: early {Kebab(x.Table.ToString())} {x.Compatible} ({x.At}) not imported");
                continue;
            }
            var where = $"{e.Id}: early {x.Compatible}";
            if (!InitNames(x).Contains(a.InitFunction)) diffs.Add($"{where}: init expected {x.Init}, imported {a.InitFunction}");
            var want = Join(x.Provides.Distinct().OrderBy(p => p).Select(p => Kebab(p.ToString())));
            var got = Join(a.Provides.Distinct().OrderBy(p => p).Select(p => Kebab(p.ToString())));
            if (want != got) diffs.Add($"{where}: provides expected [{want}], imported [{got}]");
            if (x.LeavesNode != a.LeavesNodeToDriver) diffs.Add($"{where}: leaves node to a driver expected {Show(x.LeavesNode)}, imported {Show(a.LeavesNodeToDriver)}");
            if (e.Status != a.Status) diffs.Add($"{where}: status expected {Kebab(e.Status.ToString())}, imported {Kebab(a.Status.ToString())}");
        }
    }

    /// <summary>The init an importer may record: the function the declare names, or the wrapper the clk macros
    /// generate (include/linux/clk-provider.h: __NAME_of_clk_init_declare, NAME_of_clk_init_driver).</summary>
    private static HashSet<string> InitNames(ExpectedEarly x)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { x.Init };
        if (x.Declare is not null)
        {
            names.Add($"__{x.Declare}_of_clk_init_declare");
            names.Add($"{x.Declare}_of_clk_init_driver");
        }
        return names;
    }

    private static string Request(object? kind, object? lookup, object? policy, string? name) =>
        $"{Show(kind)}/{Show(lookup)}/{Show(policy)}" + (name is null ? "" : $" \"{name}\"");

    private static string Child(object? kind, string? name, string? compatible) =>
        $"{Show(kind)} {name ?? "-"} {compatible ?? "-"}";

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);

    private static string Show(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        Enum en => Kebab(en.ToString()),
        string s => s.Length == 0 ? "[]" : s,
        _ => v.ToString() ?? "null",
    };

    private static string Kebab(string s) => ExpectedDriverFacts.Kebab(s);
}
