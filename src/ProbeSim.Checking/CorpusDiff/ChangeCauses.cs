using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// Why a device changed, as one line that groups changes across boards. Both results carry their boot's published state:
/// each changed device is explained on both sides (<see cref="Explainer"/>) and the first of these that differs names
/// the cause:
/// <list type="number">
/// <item>the of_iommu_configure rule that applied (both sides ran it): <c>of_iommu_configure: RULE-A -> RULE-B</c>;</item>
/// <item>a supplier in the chain of either side that is not bound there and changed itself: that supplier's cause (a
/// consumer inherits the cause of the supplier that changed under it);</item>
/// <item>a root cause found on one side only (a changed device as its subject: that device's cause);</item>
/// <item>the of_iommu_configure rule, when only one side ran it;</item>
/// <item>otherwise the first changed field: <c>state: deferred -> bound</c>.</item>
/// </list>
/// The causes are typed (<see cref="ChangeCause"/>); rules are compared without their DT paths, so that the same rule on
/// different nodes and boards is one cause, and the words (ProbeSim.Reports) generalise the paths the same way.
/// </summary>
public static class ChangeCauses
{
    /// <summary>The cause of every delta.</summary>
    public static IReadOnlyDictionary<DeviceDelta, ChangeCause> Find(BootResult resultA, BootResult resultB, IReadOnlyList<DeviceDelta> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var explained = new Dictionary<DeviceDelta, (Explanation? A, Explanation? B)>(ReferenceEqualityComparer.Instance);
        foreach (var d in deltas)
            explained[d] = (d.A is null ? null : Explainer.Of(resultA, d.A), d.B is null ? null : Explainer.Of(resultB, d.B));
        // the changed devices by every name a root cause may use for them: device name, DT path
        var changed = new Dictionary<string, DeviceDelta>(StringComparer.Ordinal);
        foreach (var d in deltas)
            foreach (var o in new[] { d.A, d.B })
                if (o is not null)
                {
                    changed.TryAdd(o.Name, d);
                    if (o.OfNode is { } p) changed.TryAdd(p, d);
                }

        var causes = new Dictionary<DeviceDelta, ChangeCause>(ReferenceEqualityComparer.Instance);
        ChangeCause CauseOf(DeviceDelta d, HashSet<DeviceDelta> visiting)
        {
            if (causes.TryGetValue(d, out var known)) return known;
            visiting.Add(d);
            var (ea, eb) = explained[d];
            ChangeCause? cause = null;
            if (ea?.Iommu is { } ia && eb?.Iommu is { } ib && !Equals(ia.Rule.WithoutPaths(), ib.Rule.WithoutPaths()))
                cause = new ChangeCause.OfIommuRuleChanged(ia.Rule, ib.Rule);
            cause ??= BlockingSupplier(d, ea, eb, changed, visiting, CauseOf);
            cause ??= RootCauseOf(d, ea, eb, changed, visiting, CauseOf);
            if (cause is null && (ea?.Iommu is not null || eb?.Iommu is not null) && !Equals(ea?.Iommu?.Rule, eb?.Iommu?.Rule))
                cause = new ChangeCause.OfIommuRuleChanged(ea?.Iommu?.Rule, eb?.Iommu?.Rule);
            cause ??= FirstField(d);
            visiting.Remove(d);
            causes[d] = cause;
            return cause;
        }
        foreach (var d in deltas) CauseOf(d, new HashSet<DeviceDelta>(ReferenceEqualityComparer.Instance));
        return causes;
    }

    // the first supplier in either side's chain (side a first, chain order) that is not bound there and changed itself
    private static ChangeCause? BlockingSupplier(DeviceDelta self, Explanation? a, Explanation? b, Dictionary<string, DeviceDelta> changed,
        HashSet<DeviceDelta> visiting, Func<DeviceDelta, HashSet<DeviceDelta>, ChangeCause> causeOf)
    {
        foreach (var step in (a?.Chain ?? []).Concat(b?.Chain ?? []))
            if (step.State != SupplierState.Bound && changed.TryGetValue(step.Subject, out var supplier)
                && !ReferenceEquals(supplier, self) && !visiting.Contains(supplier))
                return causeOf(supplier, visiting);
        return null;
    }

    // the first root cause (by subject, then by detail) that one side has and the other has not
    private static ChangeCause? RootCauseOf(DeviceDelta self, Explanation? a, Explanation? b, Dictionary<string, DeviceDelta> changed,
        HashSet<DeviceDelta> visiting, Func<DeviceDelta, HashSet<DeviceDelta>, ChangeCause> causeOf)
    {
        var ra = a?.RootCauses ?? [];
        var rb = b?.RootCauses ?? [];
        var onlyA = ra.Except(rb).Order(RootOrder.Instance).ToList();
        var onlyB = rb.Except(ra).Order(RootOrder.Instance).ToList();
        foreach (var (root, after) in onlyA.Select(r => (r, false)).Concat(onlyB.Select(r => (r, true))))
        {
            if (changed.TryGetValue(root.Subject, out var supplier))
            {
                // the device itself: its own detail, without its name so that devices with the same problem group
                if (ReferenceEquals(supplier, self)) return new ChangeCause.OwnRootCause(after, root.Detail);
                if (!visiting.Contains(supplier)) return causeOf(supplier, visiting);
            }
            return new ChangeCause.RootCauseOnOneSide(after, root);
        }
        return null;
    }

    private static ChangeCause FirstField(DeviceDelta d)
    {
        var f = d.Fields[0];
        return new ChangeCause.FieldChanged(f.Field, f.Before, f.After);
    }

    // a fixed order of root causes that does not depend on their words: subject, then the detail's values
    private sealed class RootOrder : IComparer<RootCause>
    {
        public static readonly RootOrder Instance = new();

        public int Compare(RootCause? x, RootCause? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            int c = string.CompareOrdinal(x.Subject, y.Subject);
            return c != 0 ? c : string.CompareOrdinal(x.Detail.ToString(), y.Detail.ToString());
        }
    }
}
