using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Explain;

/// <summary>Builds <see cref="Explanation"/>s from a boot's published result (<see cref="BootResult.State"/>).</summary>
public static class Explainer
{
    /// <summary>
    /// Why DEVICE ended as it did. DEVICE is a device name (<c>e6740000.iommu</c>), a DT path (<c>/soc/iommu@e6740000</c>)
    /// or a label (<c>ipmmu_mx</c>, with or without <c>&amp;</c>). Throws <see cref="ArgumentException"/> when nothing matches.
    /// </summary>
    public static Explanation Explain(BootResult result, string device) =>
        Of(result, DeviceQuery.Find(StateOf(result).Tree, result, device));

    /// <summary>An explanation of every device and not-present node of the result, in result order.</summary>
    public static IReadOnlyList<Explanation> ExplainAll(BootResult result) =>
        result.Devices.Select(d => Of(result, d)).ToList();

    /// <summary>As <see cref="Explain(BootResult, string)"/>, for a kernel and the result it built.</summary>
    public static Explanation Explain(ProbeSim.Kernel.Boot.Kernel kernel, BootResult result, string device) => Explain(WithState(kernel, result), device);

    /// <summary>As <see cref="ExplainAll(BootResult)"/>, for a kernel and the result it built.</summary>
    public static IReadOnlyList<Explanation> ExplainAll(ProbeSim.Kernel.Boot.Kernel kernel, BootResult result) => ExplainAll(WithState(kernel, result));

    // a result built by hand (tests) has no published state: the kernel's, published now
    private static BootResult WithState(ProbeSim.Kernel.Boot.Kernel kernel, BootResult result) =>
        result.State is null ? result with { State = kernel.Publish() } : result;

    internal static BootState StateOf(BootResult result) =>
        result.State ?? throw new ArgumentException("the result has no published state (BootResult.State): build it with Kernel.BuildResult");

    /// <summary>The explanation of one outcome of the result.</summary>
    public static Explanation Of(BootResult result, DeviceOutcome outcome)
    {
        var published = StateOf(result);
        var walker = new ChainWalker(published);
        if (outcome.State == DeviceState.NotPresent || published.FindDevice(outcome.Name) is not { } dev)
            return NotPresent(published, result, outcome, walker);
        walker.Walk(dev, deep: outcome.State != DeviceState.Bound);
        var roots = walker.Roots.ToList();
        var state = walker.DeviceStateOf(dev);
        // the device itself is the root cause when nothing it waits on explains it
        if (SupplierState.IsRootCause(state) && roots.Count == 0) roots.Add(new RootCause(dev.Name, walker.DetailOf(dev), SubjectIsNode: false));
        if (state == SupplierState.Deferred && roots.Count == 0 && dev.Wait is { } wait) roots.Add(new RootCause(dev.Name, new ExplainDetail.Waiting(wait), SubjectIsNode: false));
        return new Explanation
        {
            Device = dev.Name,
            OfNode = outcome.OfNode,
            State = Word(outcome.State),
            Driver = outcome.Driver,
            Summary = Summary(dev, walker, outcome),
            Chain = walker.Steps,
            RootCauses = outcome.State == DeviceState.Bound ? Array.Empty<RootCause>() : roots,
            Basis = outcome.Basis,
            BasisLines = BasisLines(result, outcome, walker.Steps),
            Iommu = IommuOf(dev, outcome),
            Notifiers = result.Notifiers.Where(n => n.Device == dev.Name).ToList(),
            Log = LogOf(result, dev.Name),
            RefusedActions = outcome.RefusedActions,
            BlockedActions = BlockedBy(result, dev.Name),
        };
    }

    // the facts the answer rests on: the device's own basis and that of every device in its supplier chain
    private static IReadOnlyList<BasisLine> BasisLines(BootResult result, DeviceOutcome outcome, IReadOnlyList<ExplainStep> chain)
    {
        var lines = new List<BasisLine>();
        void Add(DeviceOutcome d, bool self)
        {
            var who = self ? null : d.Name;
            if (d.BasisFrom is { } from)
            {
                var inherited = new BasisLine.Inherited(d.Name, from, d.Basis == OutcomeBasis.Guessed ? OutcomeBasis.Guessed : OutcomeBasis.Partial);
                if (!lines.Contains(inherited)) lines.Add(inherited);
                return;
            }
            BasisLine? line = d.Basis switch
            {
                OutcomeBasis.Guessed when d.BasisGap == BasisGap.AmbaPeriphidFromHardware => new BasisLine.AmbaPeriphid(who),
                OutcomeBasis.Guessed when d.BasisGap is BasisGap.ProbeUnread or BasisGap.ProbeUnreadNameGuessed => new BasisLine.ProbeUnread(d.BasisDriver, who),
                OutcomeBasis.Guessed when d.BasisGap == BasisGap.AcpiHotplugControl => new BasisLine.AcpiHotplug(who),
                OutcomeBasis.Guessed => new BasisLine.NoPlan(d.BasisDriver, who),
                OutcomeBasis.Partial => new BasisLine.PartialPlan(d.BasisDriver, who),
                _ => null,
            };
            if (line is not null && !lines.Contains(line)) lines.Add(line);
        }
        Add(outcome, self: true);
        if (chain.Count > 0)
        {
            var byName = new Dictionary<string, DeviceOutcome>(StringComparer.Ordinal);
            foreach (var d in result.Devices) byName.TryAdd(d.Name, d);
            foreach (var step in chain)
                if (byName.TryGetValue(step.Subject, out var d)) Add(d, self: false);
        }
        if (lines.Count == 0) lines.Add(new BasisLine.Modelled(outcome.BasisDriver, WithSuppliers: chain.Count > 0));
        return lines;
    }

    private static Explanation NotPresent(BootState state, BootResult result, DeviceOutcome outcome, ChainWalker walker)
    {
        var node = outcome.OfNode is { } p ? state.Tree.FindByPath(p) : null;
        var chain = new List<ExplainStep>();
        var root = new RootCause(outcome.OfNode ?? outcome.Name, new ExplainDetail.NeverADevice(outcome.Note), SubjectIsNode: outcome.OfNode is not null);
        // a child left to its parent's driver, or below an adapter that is not bound: the nearest ancestor device explains it
        for (var a = node?.Parent; a is not null && a.Parent is not null; a = a.Parent)
        {
            if (state.DeviceOf(a) is not { } parentDev) continue;
            var (subject, st, detail, subjectDev) = walker.Classify(a, parentDev);
            chain.Add(new ExplainStep(0, subject, "parent", st, detail, SupplierState.IsRootCause(st)));
            if (st != SupplierState.Bound && SupplierState.IsRootCause(st)) root = new RootCause(subject, detail, SubjectIsNode: subjectDev is null);
            break;
        }
        return new Explanation
        {
            Device = outcome.Name,
            OfNode = outcome.OfNode,
            State = Word(outcome.State),
            Summary = new ExplainSummary.NeverADevice(outcome.OfNode ?? outcome.Name, outcome.Note),
            Chain = chain,
            RootCauses = new[] { root },
            Basis = outcome.Basis,
            BasisLines = BasisLines(result, outcome, chain),
            Log = LogOf(result, outcome.Name),
        };
    }

    private static ExplainSummary Summary(DeviceRecord dev, ChainWalker walker, DeviceOutcome outcome) => outcome.State switch
    {
        DeviceState.Bound => new ExplainSummary.Bound(dev.Name, outcome.Driver),
        DeviceState.Deferred => new ExplainSummary.Deferred(dev.Name, outcome.DeferReason),
        DeviceState.Failed => new ExplainSummary.Failed(dev.Name, walker.DetailOf(dev)),
        _ => new ExplainSummary.NoDriver(dev.Name, walker.DetailOf(dev)),
    };

    private static IommuDecision? IommuOf(DeviceRecord dev, DeviceOutcome o)
    {
        if (dev.Iommu.OfIommuRule is not { } rule) return null;
        string outcome = dev.Iommu.Instance is not null ? "iommu" : o.State == DeviceState.Deferred && dev.Dma.Ops == ProbeSim.Kernel.Dma.DmaOpsKind.None && dev.Node?.HasProperty("iommus") == true && dev.Iommu.OfIommuDeferred ? "defer" : "none";
        LateIommu? late = null;
        if (dev.Iommu.Group is null && dev.Iommu.OfIommuAtUs is { } at && dev.Iommu.StreamInstance is { } inst && inst.Registered && inst.RegisteredAtUs > at)
            late = new LateIommu(inst.Device, inst.SysfsName, inst.RegisteredAtUs, o.Dma == "blocked");
        return new IommuDecision(rule, outcome, o.Iommu, o.IommuGroup, o.DomainType, o.DmaOps, o.Dma, o.DmaNote)
            { QueuedAttach = dev.Dma.QueuedAttach, ConfiguredAtUs = dev.Iommu.OfIommuAtUs, RegisteredLater = late };
    }

    // refused actions on other devices whose refusal names this one (VFIO on a group-mate, a group type change)
    private static IReadOnlyList<ActionOutcome> BlockedBy(BootResult result, string name) =>
        result.Actions.Where(a => a.Refused && a.Device != name && a.Refusal is { } r && r.Culprits.Any(m => m.Device == name)).ToList();

    private static IReadOnlyList<LogLine> LogOf(BootResult result, string name) =>
        result.Log.Where(l => l.Device == name || ContainsName(l.Text, name)).ToList();

    // a device name as a word of the line (not a prefix of a longer name); an empty name (a node named "" in a blob)
    // is in no line, and every search moves on by at least one character
    internal static bool ContainsName(string text, string name)
    {
        if (name.Length == 0) return false;
        int i = 0;
        while ((i = text.IndexOf(name, i, StringComparison.Ordinal)) >= 0)
        {
            int end = i + name.Length;
            bool startOk = i == 0 || !IsNameChar(text[i - 1]);
            bool endOk = end == text.Length || !IsNameChar(text[end]);
            if (startOk && endOk) return true;
            i = end;
        }
        return false;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ',' or '@';

    internal static string Word(DeviceState state) => state switch
    {
        DeviceState.Bound => "bound",
        DeviceState.Deferred => "deferred",
        DeviceState.Failed => "failed",
        DeviceState.NoDriver => "no-driver",
        _ => "not-present",
    };
}
