using ProbeSim.Checking.Explain;

namespace ProbeSim.Checking.Invariants;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>supplier-unbound: a bound consumer whose supplier device was unbound and is not bound now.</summary>
internal static class SupplierUnbound
{
    public static IEnumerable<(string, string)> Check(Kernel k)
    {
        foreach (var dev in k.Devices)
        {
            if (!dev.Bound) continue;
            foreach (var r in SupplierRefs.Of(k, dev))
            {
                var sup = r.Device ?? (r.Node is null ? null : k.FwIfAny(r.Node)?.Dev);
                if (sup is null || sup.Bound || sup.Unbinds == 0) continue;
                yield return (dev.Name, $"still bound to {dev.Driver?.Name} while its supplier {sup.Name} ({r.Relation}) was unbound");
            }
        }
    }
}
