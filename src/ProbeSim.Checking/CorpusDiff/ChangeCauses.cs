using System.Text.RegularExpressions;
using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.CorpusDiff;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>
/// Why a device changed, as one line that groups changes across boards. Both kernels of the board are still alive:
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
/// DT paths in rules and root causes become <c>&lt;node&gt;</c>, so that the same rule on different nodes and boards
/// makes one group (the rows name the boards and devices).
/// </summary>
public static partial class ChangeCauses
{
    /// <summary>The cause of every delta.</summary>
    public static IReadOnlyDictionary<DeviceDelta, string> Find(Kernel kernelA, BootResult resultA, Kernel kernelB, BootResult resultB,
        IReadOnlyList<DeviceDelta> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var explained = new Dictionary<DeviceDelta, (Explanation? A, Explanation? B)>(ReferenceEqualityComparer.Instance);
        foreach (var d in deltas)
            explained[d] = (d.A is null ? null : Explainer.Of(kernelA, resultA, d.A), d.B is null ? null : Explainer.Of(kernelB, resultB, d.B));
        // the changed devices by every name a root cause may use for them: device name, DT path
        var changed = new Dictionary<string, DeviceDelta>(StringComparer.Ordinal);
        foreach (var d in deltas)
            foreach (var o in new[] { d.A, d.B })
                if (o is not null)
                {
                    changed.TryAdd(o.Name, d);
                    if (o.OfNode is { } p) changed.TryAdd(p, d);
                }

        var causes = new Dictionary<DeviceDelta, string>(ReferenceEqualityComparer.Instance);
        string CauseOf(DeviceDelta d, HashSet<DeviceDelta> visiting)
        {
            if (causes.TryGetValue(d, out var known)) return known;
            visiting.Add(d);
            var (ea, eb) = explained[d];
            string? cause = null;
            if (ea?.Iommu is { } ia && eb?.Iommu is { } ib && Generalise(ia.Rule) != Generalise(ib.Rule))
                cause = $"of_iommu_configure: {Generalise(ia.Rule)} -> {Generalise(ib.Rule)}";
            cause ??= BlockingSupplier(d, ea, eb, changed, visiting, CauseOf);
            cause ??= RootCause(d, ea, eb, changed, visiting, CauseOf);
            if (cause is null && (ea?.Iommu is not null || eb?.Iommu is not null) && ea?.Iommu?.Rule != eb?.Iommu?.Rule)
                cause = $"of_iommu_configure: {RuleOrNotRun(ea)} -> {RuleOrNotRun(eb)}";
            cause ??= FirstField(d);
            visiting.Remove(d);
            causes[d] = cause;
            return cause;
        }
        foreach (var d in deltas) CauseOf(d, new HashSet<DeviceDelta>(ReferenceEqualityComparer.Instance));
        return causes;
    }

    // the first supplier in either side's chain (side a first, chain order) that is not bound there and changed itself
    private static string? BlockingSupplier(DeviceDelta self, Explanation? a, Explanation? b, Dictionary<string, DeviceDelta> changed,
        HashSet<DeviceDelta> visiting, Func<DeviceDelta, HashSet<DeviceDelta>, string> causeOf)
    {
        foreach (var step in (a?.Chain ?? []).Concat(b?.Chain ?? []))
            if (step.State != SupplierState.Bound && changed.TryGetValue(step.Subject, out var supplier)
                && !ReferenceEquals(supplier, self) && !visiting.Contains(supplier))
                return causeOf(supplier, visiting);
        return null;
    }

    // the first root cause (ordinal order) that one side has and the other has not
    private static string? RootCause(DeviceDelta self, Explanation? a, Explanation? b, Dictionary<string, DeviceDelta> changed,
        HashSet<DeviceDelta> visiting, Func<DeviceDelta, HashSet<DeviceDelta>, string> causeOf)
    {
        var ra = a?.RootCauses ?? [];
        var rb = b?.RootCauses ?? [];
        var onlyA = ra.Except(rb, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var onlyB = rb.Except(ra, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var (root, side) in onlyA.Select(r => (r, "before")).Concat(onlyB.Select(r => (r, "after"))))
        {
            var colon = root.IndexOf(": ", StringComparison.Ordinal);
            var subject = colon > 0 ? root[..colon] : root;
            if (changed.TryGetValue(subject, out var supplier))
            {
                // the device itself: its own detail, without its name so that devices with the same problem group
                if (ReferenceEquals(supplier, self))
                    return $"root cause {side}: <device>{Generalise(root[subject.Length..])}";
                if (!visiting.Contains(supplier)) return causeOf(supplier, visiting);
            }
            return $"root cause {side}: {Generalise(root)}";
        }
        return null;
    }

    private static string RuleOrNotRun(Explanation? e) => e?.Iommu is { } i ? Generalise(i.Rule) : "not run";

    private static string FirstField(DeviceDelta d)
    {
        var f = d.Fields[0];
        return $"{f.Field}: {f.Before ?? "-"} -> {f.After ?? "-"}";
    }

    /// <summary>Replaces DT paths (<c>/soc/iommu@e6570000</c>) with <c>&lt;node&gt;</c>.</summary>
    public static string Generalise(string text) => DtPath().Replace(text, "<node>");

    // a DT path: '/' at the start or after a space, quote or parenthesis, then node-name characters and more '/'
    [GeneratedRegex(@"(?<=^|[\s('""])/[A-Za-z0-9,._+@/-]*")]
    private static partial Regex DtPath();
}
