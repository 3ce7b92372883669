using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Checking.Explain;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>Builds <see cref="Explanation"/>s from a booted kernel.</summary>
public static class Explainer
{
    /// <summary>
    /// Why DEVICE ended as it did. DEVICE is a device name (<c>e6740000.iommu</c>), a DT path (<c>/soc/iommu@e6740000</c>)
    /// or a label (<c>ipmmu_mx</c>, with or without <c>&amp;</c>). Throws <see cref="ArgumentException"/> when nothing matches.
    /// </summary>
    public static Explanation Explain(Kernel kernel, BootResult result, string device) =>
        Of(kernel, result, DeviceQuery.Find(kernel, result, device));

    /// <summary>An explanation of every device and not-present node of the result, in result order.</summary>
    public static IReadOnlyList<Explanation> ExplainAll(Kernel kernel, BootResult result) =>
        result.Devices.Select(d => Of(kernel, result, d)).ToList();

    /// <summary>The explanation of one outcome of the result.</summary>
    public static Explanation Of(Kernel kernel, BootResult result, DeviceOutcome outcome)
    {
        var walker = new ChainWalker(kernel);
        if (outcome.State == DeviceState.NotPresent || kernel.FindDevice(outcome.Name) is not { } dev)
            return NotPresent(kernel, result, outcome, walker);
        walker.Walk(dev, deep: outcome.State != DeviceState.Bound);
        var roots = walker.Roots.ToList();
        var state = walker.DeviceStateOf(dev);
        // the device itself is the root cause when nothing it waits on explains it
        if (SupplierState.IsRootCause(state) && roots.Count == 0) roots.Add($"{dev.Name}: {walker.DetailOf(dev)}");
        if (state == SupplierState.Deferred && roots.Count == 0 && dev.WaitNote is { } wait) roots.Add($"{dev.Name}: {wait}");
        return new Explanation
        {
            Device = dev.Name,
            OfNode = outcome.OfNode,
            State = Word(outcome.State),
            Driver = outcome.Driver,
            Summary = Summary(dev, walker, outcome, roots),
            Chain = walker.Steps,
            RootCauses = outcome.State == DeviceState.Bound ? Array.Empty<string>() : roots,
            Basis = outcome.Basis,
            BasisLines = BasisLines(result, outcome, walker.Steps),
            Iommu = IommuOf(kernel, dev, outcome),
            Notifiers = result.Notifiers.Where(n => n.Device == dev.Name).ToList(),
            Log = LogOf(result, dev.Name),
            RefusedActions = outcome.RefusedActions,
            BlockedActions = BlockedBy(result, dev.Name),
        };
    }

    // the facts the answer rests on: the device's own basis and that of every device in its supplier chain
    private static IReadOnlyList<string> BasisLines(BootResult result, DeviceOutcome outcome, IReadOnlyList<ExplainStep> chain)
    {
        var lines = new List<string>();
        void Add(DeviceOutcome d, bool self)
        {
            var who = self ? "" : $" ({d.Name})";
            if (d.BasisFrom is { } from)
            {
                var inherited = $"{(d.Basis == OutcomeBasis.Guessed ? "guess" : "partial")}: {d.Name} waits for {from}, whose outcome is {(d.Basis == OutcomeBasis.Guessed ? "a guess" : "partly modelled")}";
                if (!lines.Contains(inherited)) lines.Add(inherited);
                return;
            }
            var line = d.Basis switch
            {
                OutcomeBasis.Guessed when d.BasisGap == BasisGap.AmbaPeriphidFromHardware =>
                    $"guess: the AMBA periphid is read from the device's registers, not the device tree: which id-matched driver binds is not known{who}",
                OutcomeBasis.Guessed when d.BasisGap is BasisGap.ProbeUnread or BasisGap.ProbeUnreadNameGuessed =>
                    $"guess: driver {d.BasisDriver} comes from the kernel's alias tables; its probe was not read and is taken to succeed{who}",
                OutcomeBasis.Guessed when d.BasisGap == BasisGap.AcpiHotplugControl =>
                    $"guess: whether shpchp binds depends on the firmware's SHPC grant and hotplug slot names, not in the machine's files{who}",
                OutcomeBasis.Guessed => $"guess: no probe plan for driver {d.BasisDriver}{who}",
                OutcomeBasis.Partial => $"partial: the probe plan of driver {d.BasisDriver} has steps the importer could not read{who}",
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
        if (lines.Count == 0)
            lines.Add(outcome.BasisDriver is { } drv
                ? $"modelled: the probe plan (or script) of driver {drv}" + (chain.Count > 0 ? " and the modelled outcomes of its suppliers" : "")
                : "modelled: no driver probe decided this outcome" + (chain.Count > 0 ? "; its suppliers' outcomes are modelled" : ""));
        return lines;
    }

    private static Explanation NotPresent(Kernel kernel, BootResult result, DeviceOutcome outcome, ChainWalker walker)
    {
        var note = outcome.Note ?? "no device was made from this node";
        var node = outcome.OfNode is { } p ? kernel.Tree.FindByPath(p) : null;
        var chain = new List<ExplainStep>();
        string root = $"{outcome.OfNode ?? outcome.Name}: {note}";
        // a child left to its parent's driver, or below an adapter that is not bound: the nearest ancestor device explains it
        for (var a = node?.Parent; a is not null && a.Parent is not null; a = a.Parent)
        {
            if (kernel.FwIfAny(a)?.Dev is not { } parentDev) continue;
            var (subject, st, detail, _) = walker.Classify(a, parentDev);
            chain.Add(new ExplainStep(0, subject, "parent", st, detail, SupplierState.IsRootCause(st)));
            if (st != SupplierState.Bound && SupplierState.IsRootCause(st)) root = $"{subject}: {detail}";
            break;
        }
        return new Explanation
        {
            Device = outcome.Name,
            OfNode = outcome.OfNode,
            State = Word(outcome.State),
            Summary = $"{outcome.OfNode ?? outcome.Name} never became a device: {note}",
            Chain = chain,
            RootCauses = new[] { root },
            Basis = outcome.Basis,
            BasisLines = BasisLines(result, outcome, chain),
            Log = LogOf(result, outcome.Name),
        };
    }

    private static string Summary(Device dev, ChainWalker walker, DeviceOutcome outcome, List<string> roots)
    {
        var head = outcome.State switch
        {
            DeviceState.Bound => $"{dev.Name} is bound to {outcome.Driver}",
            DeviceState.Deferred => $"{dev.Name} is deferred" + (outcome.DeferReason is { } r ? $" ({r})" : ""),
            DeviceState.Failed => $"{dev.Name} failed: {walker.DetailOf(dev)}",
            _ => $"{dev.Name} has no driver: {walker.DetailOf(dev)}",
        };
        if (outcome.State == DeviceState.Bound) return head;
        return roots.Count == 0 ? head : $"{head}; root cause: {roots[0]}" + (roots.Count > 1 ? $" (+{roots.Count - 1} more)" : "");
    }

    private static IommuDecision? IommuOf(Kernel k, Device dev, DeviceOutcome o)
    {
        if (dev.Iommu.OfIommuRule is not { } rule) return null;
        string outcome = dev.Iommu.Instance is not null ? "iommu" : o.State == DeviceState.Deferred && dev.Dma.Ops == ProbeSim.Kernel.Dma.DmaOpsKind.None && dev.Node?.HasProperty("iommus") == true && dev.Iommu.OfIommuDeferred ? "defer" : "none";
        LateIommu? late = null;
        if (dev.Iommu.Group is null && dev.Iommu.OfIommuAtUs is { } at && k.WireStreamOf(dev)?.Instance is { } inst && inst.Registered && inst.RegisteredAtUs > at)
            late = new LateIommu(inst.Device.Name, inst.SysfsName, inst.RegisteredAtUs, o.Dma == "blocked");
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
