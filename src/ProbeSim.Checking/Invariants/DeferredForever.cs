using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Invariants;

/// <summary>deferred-forever: a deferred device none of whose suppliers can still change.</summary>
internal static class DeferredForever
{
    public static IEnumerable<(string, Finding)> Check(BootState k)
    {
        var walker = new ChainWalker(k);
        foreach (var dev in k.Devices)
        {
            if (dev.Bound || dev.Dead || walker.DeviceStateOf(dev) != SupplierState.Deferred) continue;
            // a driver that defers by its own script is the driver's business, not the core's
            if (dev.WaitCause is ProbeSim.Kernel.DriverCore.WaitCause.DriverScript or ProbeSim.Kernel.DriverCore.WaitCause.InjectedFault) continue;
            var gone = new List<GoneSupplier>();
            bool waiting = false;
            foreach (var r in SupplierRefs.Of(k, dev))
            {
                if (r.Node is null) { gone.Add(new GoneSupplier(r.Relation, null, null)); continue; }
                var (subject, state, detail, _) = walker.Classify(r.Node, r.Device);
                if (state is SupplierState.Bound or SupplierState.RegisteredEarly) continue;
                if (state is SupplierState.Deferred or SupplierState.NotProbed) { waiting = true; break; }
                gone.Add(new GoneSupplier(r.Relation, subject, detail));
            }
            if (waiting) continue;
            yield return (dev.Name, new DeferredForeverFinding(gone));
        }
    }
}
