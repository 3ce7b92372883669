using System.Text;

namespace ProbeSim.Fuzz.Gen.Yaml;

/// <summary>
/// Writes a <see cref="YNode"/> tree as YAML text: block or flow collections as each node says, plain scalars where
/// they stay plain (compatibles keep their commas inside flow collections, as the scenario reader expects), quoted otherwise.
/// </summary>
public static class YamlEmitter
{
    public static string Emit(YNode root)
    {
        var sb = new StringBuilder();
        if (IsBlock(root))
        {
            var props = Props(root);
            if (props.Length > 0) sb.Append(props.TrimEnd()).Append('\n');
            if (root is YMap m) BlockMap(sb, m, 0, firstInline: false);
            else BlockSeq(sb, (YSeq)root, 0, firstInline: false);
        }
        else sb.Append(Inline(root, flow: false)).Append('\n');
        return sb.ToString();
    }

    private static bool IsBlock(YNode n) => n is YMap { Flow: false, Entries.Count: > 0 } or YSeq { Flow: false, Items.Count: > 0 };

    private static string Props(YNode n) => (n.Anchor is { } a ? "&" + a + " " : "") + (n.Tag is { } t ? t + " " : "");

    private static void BlockMap(StringBuilder sb, YMap m, int indent, bool firstInline)
    {
        bool first = true;
        foreach (var e in m.Entries)
        {
            if (!(first && firstInline)) sb.Append(' ', indent);
            first = false;
            sb.Append(Key(e.Key)).Append(':');
            AfterKey(sb, e.Value, indent);
        }
    }

    private static void AfterKey(StringBuilder sb, YNode v, int indent)
    {
        if (IsBlock(v))
        {
            var props = Props(v);
            if (props.Length > 0) sb.Append(' ').Append(props.TrimEnd());
            sb.Append('\n');
            if (v is YMap m) BlockMap(sb, m, indent + 2, firstInline: false);
            else BlockSeq(sb, (YSeq)v, indent + 2, firstInline: false);
        }
        else if (v is YScalar { Style: YStyle.Literal } lit && lit.Value.Length > 0 && !lit.Value.Any(char.IsControl))
        {
            sb.Append(' ').Append(Props(v)).Append("|-\n");
            foreach (var line in lit.Value.Split('\n')) sb.Append(' ', indent + 2).Append(line).Append('\n');
        }
        else
        {
            var text = Inline(v, flow: false);
            sb.Append(text.Length > 0 ? " " + text : "").Append('\n');
        }
    }

    private static void BlockSeq(StringBuilder sb, YSeq s, int indent, bool firstInline)
    {
        bool first = true;
        foreach (var item in s.Items)
        {
            if (!(first && firstInline)) sb.Append(' ', indent);
            first = false;
            sb.Append('-');
            if (item is YMap { Flow: false, Entries.Count: > 0 } m && m.Anchor is null && m.Tag is null)
            {
                sb.Append(' ');
                BlockMap(sb, m, indent + 2, firstInline: true);
            }
            else if (IsBlock(item))
            {
                var props = Props(item);
                if (props.Length > 0) sb.Append(' ').Append(props.TrimEnd());
                sb.Append('\n');
                if (item is YMap im) BlockMap(sb, im, indent + 2, firstInline: false);
                else BlockSeq(sb, (YSeq)item, indent + 2, firstInline: false);
            }
            else
            {
                var text = Inline(item, flow: false);
                sb.Append(text.Length > 0 ? " " + text : "").Append('\n');
            }
        }
    }

    private static string Key(YNode k) => k is YScalar s ? Props(k) + Scalar(s, flow: true) : Inline(k, flow: true);

    /// <summary>The node on one line, in flow style.</summary>
    public static string Inline(YNode n, bool flow) => n switch
    {
        YAlias a => "*" + a.Name,
        YRaw r => Props(n) + r.Text,
        YScalar s => Props(n) + Scalar(s, flow),
        YSeq q => Props(n) + "[" + string.Join(", ", q.Items.Select(i => Inline(i, flow: true))) + "]",
        YMap m => Props(n) + (m.Entries.Count == 0 ? "{}" : "{ " + string.Join(", ", m.Entries.Select(e => Key(e.Key) + ": " + Inline(e.Value, flow: true))) + " }"),
        _ => "",
    };

    private static string Scalar(YScalar s, bool flow)
    {
        var v = s.Value;
        switch (s.Style)
        {
            case YStyle.Plain when PlainSafe(v, flow):
                return v;
            case YStyle.Single when !v.Any(char.IsControl):
                return "'" + v.Replace("'", "''") + "'";
            default:
                return Double(v);
        }
    }

    private static string Double(string v)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in v)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c == '\n') sb.Append("\\n");
            else if (c < 0x20 || c == 0x7f) sb.Append($"\\x{(int)c:x2}");
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    private static bool PlainSafe(string v, bool flow)
    {
        if (v.Length == 0) return true;
        if (v != v.Trim() || v.Any(char.IsControl)) return false;
        char c = v[0];
        if ("?:,[]{}#&*!|>'\"%@`".Contains(c)) return false;
        if (c == '-' && (v.Length == 1 || v[1] == ' ')) return false;
        if (v.Contains(": ") || v.Contains(" #") || v.EndsWith(':')) return false;
        if (flow && (v.IndexOfAny(['[', ']', '{', '}']) >= 0 || v.Contains(", ") || v.EndsWith(',') || v.Contains(',') && v.Contains(' '))) return false;
        return true;
    }
}
