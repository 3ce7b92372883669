using System.Text.Json;
using ProbeSim.Checking.Vfio;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Reports.Vfio;

namespace ProbeSim.Reports.Json;

/// <summary>Writes a VFIO plan as <c>probesim-vfio-plan/1</c> JSON (docs/json.md).</summary>
public static class VfioPlanJsonWriter
{
    public const string Schema = "probesim-vfio-plan/1";

    public static string ToJson(VfioPlan p, string board, string profile) => JsonOutput.ToText(w =>
    {
        ArgumentNullException.ThrowIfNull(p);
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteString("board", board);
        w.WriteString("profile", profile);
        w.WriteString("device", p.Device);
        w.WriteString("bus", p.Bus);
        w.WriteString("vfioDriver", p.VfioDriver);
        if (p.Group is { } g)
        {
            w.WriteStartObject("group");
            w.WriteNumber("id", g.Id);
            w.WriteString("sysfs", VfioPlanWords.GroupPath(g.Id));
            w.WriteString("defaultDomain", g.DefaultDomain is { } t ? IommuDomainTypes.SysfsName(t) : null);
            w.WriteEndObject();
        }
        else w.WriteNull("group");
        if (p.Viability is { } v)
        {
            w.WriteBoolean("viable", v.Viable);
            w.WriteString("rule", VfioPlanWords.RuleWord(v.Rule));
            w.WriteString("owner", v.Owner);
        }
        else
        {
            w.WriteNull("viable");
            w.WriteNull("rule");
            w.WriteNull("owner");
        }
        w.WriteStartArray("members");
        foreach (var m in p.Members) Member(w, m);
        w.WriteEndArray();
        w.WriteStartArray("commands");
        foreach (var s in p.Steps) w.WriteStringValue(VfioPlanWords.Command(s));
        w.WriteEndArray();
        w.WriteBoolean("refused", p.Refused);
        w.WriteStartArray("refusals");
        foreach (var r in p.Refusals)
        {
            w.WriteStartObject();
            w.WriteString("kind", VfioPlanWords.RefusalWord(r));
            w.WriteString("device", r is UnsafeGroupMate u ? u.Device : r is RmrrLocked l ? l.Device : p.Device);
            w.WriteBoolean("kernelRule", r is not UnsafeGroupMate);
            w.WriteString("reason", VfioPlanWords.Refusal(r, p.Device));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void Member(Utf8JsonWriter w, VfioPlanMember m)
    {
        w.WriteStartObject();
        w.WriteString("device", m.Device);
        w.WriteBoolean("target", m.IsTarget);
        w.WriteString("driver", m.Driver);
        w.WriteString("class", m.ClassCode is { } c ? $"0x{c:x6}" : null);
        w.WriteBoolean("bridge", m.IsBridge);
        w.WriteString("use", VfioPlanWords.UseWord(m.Use));
        w.WriteBoolean("blocks", m.Use.Blocks());
        w.WriteString("step", VfioPlanWords.StepWord(m.Step));
        w.WriteEndObject();
    }
}
