using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Invariants;

/// <summary>supplier-unbound: a consumer left bound when its supplier was unbound (recorded by the kernel), or bound now with its supplier unbound.</summary>
internal static class SupplierUnbound
{
    public static IEnumerable<(string, Finding)> Check(BootState k)
    {
        // at the moment of the unbind (a later rebind hides it from the end state)
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in k.UnboundUnderConsumers)
            if (seen.Add(u.Consumer))
                yield return (u.Consumer, new SupplierUnboundFinding(u.ConsumerDriver, u.Supplier, null));
        // only a device unbound at least once can be such a supplier: most boots unbind nothing, and the walk below is skipped
        if (!k.Devices.Any(d => d.Unbinds > 0)) yield break;
        foreach (var dev in k.Devices)
        {
            if (!dev.Bound) continue;
            foreach (var r in SupplierRefs.Of(k, dev))
            {
                var sup = r.Device ?? (r.Node is null ? null : k.DeviceOf(r.Node));
                if (sup is null || sup.Bound || sup.Unbinds == 0 || seen.Contains(dev.Name)) continue;
                yield return (dev.Name, new SupplierUnboundFinding(dev.Driver?.Name, sup.Name, r.Relation));
            }
        }
    }
}
