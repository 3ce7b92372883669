using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Checking.Explain;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>Walks a device's suppliers depth-first down to the root causes, marking cycles.</summary>
internal sealed class ChainWalker
{
    private readonly Kernel _k;
    private readonly List<ExplainStep> _steps = new();
    private readonly List<string> _roots = new();
    private readonly HashSet<DtNode> _onPath = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<DtNode> _expanded = new(ReferenceEqualityComparer.Instance);
    private const int MaxDepth = 32;

    public ChainWalker(Kernel kernel) => _k = kernel;

    public IReadOnlyList<ExplainStep> Steps => _steps;
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>Lists the suppliers of <paramref name="dev"/>; with <paramref name="deep"/>, follows every supplier that is not bound.</summary>
    public void Walk(Device dev, bool deep)
    {
        if (dev.Node is not null) _onPath.Add(dev.Node);
        Suppliers(dev, 0, deep);
    }

    private void Suppliers(Device dev, int depth, bool deep)
    {
        foreach (var r in SupplierRefs.Of(_k, dev))
        {
            if (r.Node is null)
            {
                Step(depth, r.Relation, r.Relation, SupplierState.Unresolved, r.ParseError ?? "cannot be parsed");
                continue;
            }
            var (subject, state, detail, supplierDev) = Classify(r.Node, r.Device);
            if (_onPath.Contains(r.Node) && state != SupplierState.Bound)
            {
                Step(depth, subject, r.Relation, SupplierState.Cycle, $"{subject} is already on this chain: the suppliers wait on each other");
                continue;
            }
            Step(depth, subject, r.Relation, state, detail);
            if (!deep || supplierDev is null || state is not (SupplierState.Deferred or SupplierState.NotProbed) || depth >= MaxDepth) continue;
            // a supplier explained once is not expanded again (its chain is above)
            if (supplierDev.Node is { } sn && !_expanded.Add(sn)) continue;
            if (supplierDev.Node is { } pn) _onPath.Add(pn);
            Suppliers(supplierDev, depth + 1, deep);
            if (supplierDev.Node is { } qn) _onPath.Remove(qn);
        }
    }

    private void Step(int depth, string subject, string relation, string state, string detail)
    {
        bool root = SupplierState.IsRootCause(state);
        _steps.Add(new ExplainStep(depth, subject, relation, state, detail, root));
        if (root)
        {
            var text = $"{subject}: {detail}";
            if (!_roots.Contains(text)) _roots.Add(text);
        }
    }

    /// <summary>The state of the supplier node: its device's, an early table's, or why no device serves it.</summary>
    internal (string Subject, string State, string Detail, Device? Dev) Classify(DtNode node, Device? known)
    {
        var dev = known ?? DeviceServing(node);
        if (dev is not null) return (dev.Name, DeviceStateOf(dev), DetailOf(dev), dev);
        var early = _k.Provider(node, null);
        if (early.Registered) return (node.Path, SupplierState.RegisteredEarly, early.Why, null);
        for (var n = node; n is not null; n = n.Parent)
            if (!n.IsAvailable)
                return (node.Path, SupplierState.Disabled, n == node ? $"status = \"{n.Status}\"" : $"under {n.Path}, status = \"{n.Status}\"", null);
        var reason = _k.NoDeviceReasonOf(OwnNode(node));
        var why = ProbeSim.Kernel.Of.NoDeviceText.Describe(reason);
        if (reason is ProbeSim.Kernel.Of.NoDeviceReason.SetUpEarly) return (node.Path, SupplierState.RegisteredEarly, why, null);
        return (node.Path, SupplierState.NoDevice, "no device: " + why, null);
    }

    // Provider lookups accept a plain child node (a PMIC regulator, a pin group) served by the nearest ancestor device
    private Device? DeviceServing(DtNode node)
    {
        for (var n = node; n is not null; n = n.Parent)
        {
            if (_k.FwIfAny(n)?.Dev is { } d) return d;
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
    internal string DeviceStateOf(Device dev) => _k.StateOf(dev) switch
    {
        ProbeSim.Kernel.Boot.DeviceState.Bound => SupplierState.Bound,
        ProbeSim.Kernel.Boot.DeviceState.Deferred => SupplierState.Deferred,
        ProbeSim.Kernel.Boot.DeviceState.Failed => SupplierState.Failed,
        // call_driver_probe: a rejected match leaves the device without a driver, as if none matched
        _ when dev.RejectedBy is not null => SupplierState.NoDriver,
        // amba_match asked to be retried until apb_pclk was up (can_match stays set); then no id table took it
        _ when _k.PeriphidFromHardware(dev) && dev.LastProbeDriver is null => SupplierState.NoDriver,
        _ => !dev.CanMatch ? (_k.HasModuleFor(dev) ? SupplierState.ModuleNotLoaded : SupplierState.NoDriver) : SupplierState.NotProbed,
    };

    internal string DetailOf(Device dev)
    {
        switch (DeviceStateOf(dev))
        {
            case SupplierState.Bound: return $"bound to {dev.Driver?.Name}";
            case SupplierState.Failed when dev.LastFailure is { } f: return ProbeSim.Kernel.Boot.ProbeFailureText.Describe(f);
            case SupplierState.Failed: return $"probe with {dev.Driver?.Name ?? "its driver"} failed with error {dev.LastError}";
            case SupplierState.Deferred:
                return "probe deferred" + (dev.DeferReason is { } r ? $": {r}" : dev.WaitNote is { } w ? $" ({w})" : "");
            case SupplierState.ModuleNotLoaded: return "its driver is a module that was never loaded";
            case SupplierState.NoDriver when dev.RejectedBy is { } rj:
                return $"probe with driver {rj.Driver} rejects match {rj.Errno} ({ProbeSim.Kernel.Drivers.Errno.Name(rj.Errno)}); the device stays without a driver";
            case SupplierState.NoDriver when _k.PeriphidFromHardware(dev):
                return "no AMBA driver's id table took it; its periphid is read from its registers (amba_read_periphid), which the model does not have";
            case SupplierState.NoDriver:
                return dev.Node is { } n && n.Compatible.Count > 0
                    ? $"no driver in this driver set matches \"{string.Join("\", \"", n.Compatible)}\""
                    : "no driver matches it";
            default: return "matched a driver but was not probed";
        }
    }
}
