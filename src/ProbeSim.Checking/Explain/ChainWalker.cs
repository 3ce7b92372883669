using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Explain;

/// <summary>Walks a device's suppliers depth-first down to the root causes, marking cycles.</summary>
internal sealed class ChainWalker
{
    private readonly BootState _k;
    private readonly List<ExplainStep> _steps = new();
    private readonly List<RootCause> _roots = new();
    private readonly HashSet<DtNode> _onPath = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<DtNode> _expanded = new(ReferenceEqualityComparer.Instance);
    private const int MaxDepth = 32;

    public ChainWalker(BootState state) => _k = state;

    public IReadOnlyList<ExplainStep> Steps => _steps;
    public IReadOnlyList<RootCause> Roots => _roots;

    /// <summary>Lists the suppliers of <paramref name="dev"/>; with <paramref name="deep"/>, follows every supplier that is not bound.</summary>
    public void Walk(DeviceRecord dev, bool deep)
    {
        if (dev.Node is not null) _onPath.Add(dev.Node);
        Suppliers(dev, 0, deep);
    }

    private void Suppliers(DeviceRecord dev, int depth, bool deep)
    {
        foreach (var r in SupplierRefs.Of(_k, dev))
        {
            if (r.Node is null)
            {
                Step(depth, r.Relation, false, r.Relation, SupplierState.Unresolved, new ExplainDetail.Unparsable(r.ParseError));
                continue;
            }
            var (subject, state, detail, supplierDev) = Classify(r.Node, r.Device);
            bool isNode = supplierDev is null; // Classify names a node that is no device by its path
            if (_onPath.Contains(r.Node) && state != SupplierState.Bound)
            {
                Step(depth, subject, isNode, r.Relation, SupplierState.Cycle, new ExplainDetail.OnChain(subject, isNode));
                continue;
            }
            Step(depth, subject, isNode, r.Relation, state, detail);
            if (!deep || supplierDev is null || state is not (SupplierState.Deferred or SupplierState.NotProbed) || depth >= MaxDepth) continue;
            // a supplier explained once is not expanded again (its chain is above)
            if (supplierDev.Node is { } sn && !_expanded.Add(sn)) continue;
            if (supplierDev.Node is { } pn) _onPath.Add(pn);
            Suppliers(supplierDev, depth + 1, deep);
            if (supplierDev.Node is { } qn) _onPath.Remove(qn);
        }
    }

    private void Step(int depth, string subject, bool subjectIsNode, string relation, string state, ExplainDetail detail)
    {
        bool root = SupplierState.IsRootCause(state);
        _steps.Add(new ExplainStep(depth, subject, relation, state, detail, root));
        if (root)
        {
            var cause = new RootCause(subject, detail, subjectIsNode);
            if (!_roots.Contains(cause)) _roots.Add(cause);
        }
    }

    /// <summary>The state of the supplier node: its device's, an early table's, or why no device serves it.</summary>
    internal (string Subject, string State, ExplainDetail Detail, DeviceRecord? Dev) Classify(DtNode node, DeviceRecord? known)
    {
        var dev = known ?? DeviceServing(node);
        if (dev is not null) return (dev.Name, DeviceStateOf(dev), DetailOf(dev), dev);
        var early = _k.ProviderOf(node);
        if (early.Registered) return (node.Path, SupplierState.RegisteredEarly, new ExplainDetail.RegisteredEarly(early.Reason), null);
        for (var n = node; n is not null; n = n.Parent)
            if (!n.IsAvailable)
                return (node.Path, SupplierState.Disabled, new ExplainDetail.Disabled(n == node ? null : n.Path, n.Status ?? ""), null);
        var reason = _k.NoDeviceReasonOf(OwnNode(node));
        if (reason is ProbeSim.Kernel.Of.NoDeviceReason.SetUpEarly) return (node.Path, SupplierState.RegisteredEarly, new ExplainDetail.SetUpEarly(reason), null);
        return (node.Path, SupplierState.NoDevice, new ExplainDetail.NoDevice(reason), null);
    }

    // Provider lookups accept a plain child node (a PMIC regulator, a pin group) served by the nearest ancestor device
    private DeviceRecord? DeviceServing(DtNode node)
    {
        for (var n = node; n is not null; n = n.Parent)
        {
            if (_k.DeviceOf(n) is { } d) return d;
            if (n.HasProperty("compatible")) return null;
        }
        return null;
    }

    private static DtNode OwnNode(DtNode node)
    {
        for (var n = node; n is not null; n = n.Parent)
            if (n.HasProperty("compatible")) return n;
        return node;
    }

    // the same order as the result's state (Kernel.StateOf): bound, deferred, failed, then why no driver
    internal string DeviceStateOf(DeviceRecord dev) => dev.State switch
    {
        ProbeSim.Kernel.Boot.DeviceState.Bound => SupplierState.Bound,
        ProbeSim.Kernel.Boot.DeviceState.Deferred => SupplierState.Deferred,
        ProbeSim.Kernel.Boot.DeviceState.Failed => SupplierState.Failed,
        // call_driver_probe: a rejected match leaves the device without a driver, as if none matched
        _ when dev.RejectedBy is not null => SupplierState.NoDriver,
        // amba_match asked to be retried until apb_pclk was up (can_match stays set); then no id table took it
        _ when dev.PeriphidFromHardware && dev.LastProbeDriver is null => SupplierState.NoDriver,
        _ => !dev.CanMatch ? (dev.ModuleNotLoaded ? SupplierState.ModuleNotLoaded : SupplierState.NoDriver) : SupplierState.NotProbed,
    };

    internal ExplainDetail DetailOf(DeviceRecord dev) => DeviceStateOf(dev) switch
    {
        SupplierState.Bound => new ExplainDetail.BoundTo(dev.Driver?.Name),
        SupplierState.Failed when dev.LastFailure is { } f => new ExplainDetail.Failed(f),
        SupplierState.Failed => new ExplainDetail.FailedWith(dev.Driver?.Name, dev.LastError),
        // the kernel's reason when it recorded one, else what the model saw the device wait for
        SupplierState.Deferred => new ExplainDetail.Deferred(dev.DeferReason, dev.DeferReason is null ? dev.Wait : null),
        SupplierState.ModuleNotLoaded => new ExplainDetail.ModuleNeverLoaded(),
        SupplierState.NoDriver when dev.RejectedBy is { } rj => new ExplainDetail.RejectsMatch(rj.Driver, rj.Errno),
        SupplierState.NoDriver when dev.PeriphidFromHardware => new ExplainDetail.AmbaPeriphid(),
        SupplierState.NoDriver => new ExplainDetail.NoDriverMatches(dev.Node?.Compatible ?? (IReadOnlyList<string>)Array.Empty<string>()),
        _ => new ExplainDetail.NotProbed(),
    };
}
