using ProbeSim.Checking.Vfio;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu;

namespace ProbeSim.Reports.Vfio;

/// <summary>A VFIO plan as plain text: the group, its members, viability now, then the commands or why there are none.</summary>
public static class VfioPlanText
{
    public static void Write(TextWriter w, VfioPlan p)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(p);
        if (p.Group is not { } g)
        {
            foreach (var r in p.Refusals) w.WriteLine(VfioPlanWords.Refusal(r, p.Device));
            return;
        }
        var domain = g.DefaultDomain is { } t ? IommuDomainTypes.SysfsName(t) : "none";
        w.WriteLine($"{p.Device}: iommu group {g.Id} ({VfioPlanWords.GroupPath(g.Id)}), default domain {domain}");
        w.WriteLine("members:");
        foreach (var m in p.Members)
        {
            var cls = m.ClassCode is { } c ? VfioPlanWords.Class(c) : "not PCI";
            var bridge = m.IsBridge ? ", bridge" : "";
            var verdict = m.Use.Blocks() ? "blocks" : "fine";
            w.WriteLine($"  {m.Device}{(m.IsTarget ? " (this device)" : "")}: {cls}{bridge}, driver {m.Driver ?? "none"}");
            w.WriteLine($"    {verdict}: {VfioPlanWords.Use(m.Use, m.Driver)}; {VfioPlanWords.Step(m, p.VfioDriver)}");
        }
        if (p.Viability is { } v)
        {
            var blockers = v.Members.Where(m => m.Blocks).Select(m => m.Device).ToList();
            var why = v.Viable ? "" : blockers.Count > 0 ? $": {string.Join(", ", blockers)} " + (blockers.Count == 1 ? "blocks" : "block")
                : v.Owner is { } owner ? $": user space owns it ({owner})" : "";
            w.WriteLine($"viable for VFIO now: {(v.Viable ? "yes" : "no")}{why}");
            w.WriteLine($"  rule: {VfioPlanWords.Rule(v.Rule)}");
        }
        if (p.Refused)
        {
            w.WriteLine("refused:");
            foreach (var r in p.Refusals) w.WriteLine("  " + VfioPlanWords.Refusal(r, p.Device));
            return;
        }
        if (p.Steps.Count == 0)
        {
            w.WriteLine($"nothing to do: {p.Device} is bound to {p.VfioDriver} and the group is viable; open /dev/vfio/{g.Id}");
            return;
        }
        w.WriteLine("commands (as root, in order):");
        foreach (var s in p.Steps) w.WriteLine("  " + VfioPlanWords.Command(s));
        w.WriteLine($"then {p.Device} is bound to {p.VfioDriver} and /dev/vfio/{g.Id} can be opened");
    }

    /// <summary>One line for standard error when the plan is refused; null when it is not.</summary>
    public static string? RefusalLine(VfioPlan p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (!p.Refused) return null;
        var more = p.Refusals.Count > 1 ? $" (and {p.Refusals.Count - 1} more reason{(p.Refusals.Count > 2 ? "s" : "")})" : "";
        return $"vfio plan: refusing to hand {p.Device} to {p.VfioDriver ?? "VFIO"}: {VfioPlanWords.Refusal(p.Refusals[0], p.Device)}{more}";
    }
}
