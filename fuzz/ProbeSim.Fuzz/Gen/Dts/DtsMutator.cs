using System.Text;
using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Gen.Dts;

/// <summary>
/// Token-level mutations of DTS text: delete, duplicate and swap tokens; numbers, names and strings replaced with edge
/// values; every construct of the language inserted where it belongs and where it does not; nodes spliced in from other
/// files; deep nesting of nodes, expressions, macros and includes; then, sometimes, byte-level damage.
/// </summary>
public sealed class DtsMutator
{
    private readonly IReadOnlyList<string> _spliceSources;

    /// <param name="spliceSources">DTS texts whose nodes can be spliced in.</param>
    public DtsMutator(IReadOnlyList<string> spliceSources) => _spliceSources = spliceSources;

    private delegate string Mutation(Rng rng, List<DtsToken> t);

    /// <summary>Applies <paramref name="count"/> token mutations to <paramref name="text"/>; each is described in <paramref name="notes"/>.</summary>
    public string Mutate(Rng rng, string text, int count, List<string> notes)
    {
        var tokens = DtsTokenizer.Tokenize(text);
        Mutation[] table =
        [
            DeleteToken, DeleteToken, DeleteSpan, DuplicateSpan, SwapTokens, ReplaceNumber, ReplaceNumber, ReplaceWord,
            ReplaceString, InsertInNode, InsertInNode, InsertInNode, InsertTopLevel, InsertTopLevel, SpliceNode, SpliceNode,
            DeepNodes, DeepExpression, MacroBomb, UnbalanceBraces, ReplaceWithLabelRef,
        ];
        for (int i = 0; i < count; i++) notes.Add(rng.Pick(table)(rng, tokens));
        return DtsTokenizer.Join(tokens);
    }

    /// <summary>Edits that keep the text a device tree (statements that parse, small numbers, spliced nodes), so that the boot runs.</summary>
    public string MutateGentle(Rng rng, string text, int count, List<string> notes)
    {
        var tokens = DtsTokenizer.Tokenize(text);
        for (int i = 0; i < count; i++)
        {
            notes.Add(rng.Next(4) switch
            {
                0 or 1 => Insert(rng, tokens, Fill(rng, tokens, rng.Pick(DtsSnippets.Semantic)), topLevel: false),
                2 => SmallNumber(rng, tokens),
                _ => SpliceNode(rng, tokens),
            });
        }
        return DtsTokenizer.Join(tokens);
    }

    private static string SmallNumber(Rng rng, List<DtsToken> t)
    {
        int i = PickOf(rng, t, x => x.Kind == DtsTokenKind.Number);
        if (i < 0) return "no number";
        var v = rng.Pick(new[] { "0", "1", "2", "3", "0x10", "0xffffffff" });
        var old = t[i].Text;
        t[i] = new(DtsTokenKind.Number, v);
        return $"number {old} -> {v}";
    }

    /// <summary>Byte-level damage after the text is rendered: bad bytes, truncation, CR line ends, bit flips.</summary>
    public static byte[] Damage(Rng rng, byte[] bytes, List<string> notes)
    {
        var b = new List<byte>(bytes);
        switch (rng.Next(6))
        {
            case 0:
                var bad = rng.Pick(DtsSnippets.BadBytes);
                int at = rng.Next(b.Count + 1);
                b.InsertRange(at, bad);
                notes.Add($"bytes {Convert.ToHexString(bad)} inserted at offset {at}");
                break;
            case 1:
                int cut = rng.Next(b.Count + 1);
                b.RemoveRange(cut, b.Count - cut);
                notes.Add($"truncated to {cut} bytes");
                break;
            case 2:
                var crlf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\n", rng.OneIn(2) ? "\r\n" : "\r"));
                notes.Add("line ends changed to CR LF or CR");
                return crlf;
            case 3:
                for (int k = rng.Geometric(8); k > 0 && b.Count > 0; k--) b[rng.Next(b.Count)] ^= (byte)(1 << rng.Next(8));
                notes.Add("bits flipped");
                break;
            case 4:
                b.InsertRange(0, new byte[] { 0xef, 0xbb, 0xbf });
                notes.Add("byte order mark in front");
                break;
            default:
                if (b.Count > 0)
                {
                    int from = rng.Next(b.Count), len = Math.Min(b.Count - from, rng.Geometric(64));
                    b.RemoveRange(from, len);
                    notes.Add($"{len} bytes deleted at offset {from}");
                }
                break;
        }
        return b.ToArray();
    }

    private static List<int> Solid(List<DtsToken> t) => Enumerable.Range(0, t.Count).Where(i => !t[i].IsSpace).ToList();

    private static int PickOf(Rng rng, List<DtsToken> t, Func<DtsToken, bool> pred)
    {
        var idx = Enumerable.Range(0, t.Count).Where(i => pred(t[i])).ToList();
        return idx.Count == 0 ? -1 : rng.Pick(idx);
    }

    private static string DeleteToken(Rng rng, List<DtsToken> t)
    {
        var s = Solid(t);
        if (s.Count == 0) return "nothing to delete";
        int i = rng.Pick(s);
        var text = t[i].Text;
        t.RemoveAt(i);
        return $"deleted token '{Short(text)}'";
    }

    private static string DeleteSpan(Rng rng, List<DtsToken> t)
    {
        if (t.Count == 0) return "nothing to delete";
        int from = rng.Next(t.Count), len = Math.Min(t.Count - from, rng.Range(2, 24));
        t.RemoveRange(from, len);
        return $"deleted {len} tokens at {from}";
    }

    private static string DuplicateSpan(Rng rng, List<DtsToken> t)
    {
        if (t.Count == 0) return "nothing to duplicate";
        int from = rng.Next(t.Count), len = Math.Min(t.Count - from, rng.Geometric(32));
        var span = t.GetRange(from, len);
        int times = rng.OneIn(8) ? rng.Range(2, 50) : 1;
        for (int k = 0; k < times; k++) t.InsertRange(from + len, span);
        return $"duplicated {len} tokens at {from} x{times}";
    }

    private static string SwapTokens(Rng rng, List<DtsToken> t)
    {
        var s = Solid(t);
        if (s.Count < 2) return "nothing to swap";
        int a = rng.Pick(s), b = rng.Pick(s);
        (t[a], t[b]) = (t[b], t[a]);
        return $"swapped '{Short(t[a].Text)}' and '{Short(t[b].Text)}'";
    }

    private static string ReplaceNumber(Rng rng, List<DtsToken> t)
    {
        int i = PickOf(rng, t, x => x.Kind == DtsTokenKind.Number);
        if (i < 0) return "no number";
        var v = rng.OneIn(10) ? new string('9', rng.Pick(Interesting.HugeLengths)) : rng.Pick(Interesting.DtsNumbers);
        var old = t[i].Text;
        t[i] = new(DtsTokenKind.Number, v);
        return $"number {old} -> {Short(v)}";
    }

    private static string ReplaceWord(Rng rng, List<DtsToken> t)
    {
        int i = PickOf(rng, t, x => x.Kind == DtsTokenKind.Word);
        int j = PickOf(rng, t, x => x.Kind == DtsTokenKind.Word);
        if (i < 0) return "no word";
        string[] odd = ["/dts-v1/", "/plugin/", "/bits/", "/incbin/", "/delete-node/", "/memreserve/", "/omit-if-no-ref/", "/include/", "/nope/", ""];
        var v = rng.OneIn(3) ? rng.Pick(odd) : rng.OneIn(10) ? new string('n', rng.Pick(Interesting.HugeLengths)) : t[j].Text;
        var old = t[i].Text;
        t[i] = new(DtsTokenKind.Word, v);
        return $"word {Short(old)} -> {Short(v)}";
    }

    private static string ReplaceString(Rng rng, List<DtsToken> t)
    {
        int i = PickOf(rng, t, x => x.Kind is DtsTokenKind.String or DtsTokenKind.Char);
        if (i < 0) return "no string";
        var v = rng.OneIn(6) ? "\"" + Interesting.Huge(rng, 'a') + "\"" : rng.Pick(Interesting.DtsStrings);
        var old = t[i].Text;
        t[i] = new(DtsTokenKind.String, v);
        return $"string {Short(old)} -> {Short(v)}";
    }

    private static List<string> Labels(List<DtsToken> t)
    {
        var labels = new List<string>();
        for (int i = 0; i + 1 < t.Count; i++)
            if (t[i].Kind == DtsTokenKind.Word && t[i + 1].Text == ":" && t[i].Text.Length > 0 && char.IsAsciiLetter(t[i].Text[0])) labels.Add(t[i].Text);
        return labels.Count > 0 ? labels : ["nolabel"];
    }

    /// <summary>Token positions right after a '{' or ';' and the brace depth there.</summary>
    private static List<(int At, int Depth)> Boundaries(List<DtsToken> t)
    {
        var result = new List<(int, int)> { (0, 0) };
        int depth = 0;
        for (int i = 0; i < t.Count; i++)
        {
            if (t[i].Text == "{") depth++;
            else if (t[i].Text == "}") depth = Math.Max(0, depth - 1);
            if (t[i].Text is "{" or ";") result.Add((i + 1, depth));
        }
        return result;
    }

    private static string Fill(Rng rng, List<DtsToken> t, string snippet) => snippet.Replace("LBL", rng.Pick(Labels(t)));

    private static string Insert(Rng rng, List<DtsToken> t, string text, bool topLevel)
    {
        var b = Boundaries(t);
        var fitting = b.Where(x => topLevel ? x.Depth == 0 : x.Depth > 0).ToList();
        var (at, _) = fitting.Count > 0 ? rng.Pick(fitting) : rng.Pick(b);
        var sep = text.StartsWith('#') || text.Contains('\n') ? "\n" : " ";
        t.InsertRange(at, DtsTokenizer.Tokenize(sep + text + "\n"));
        return $"inserted '{Short(text)}'";
    }

    private static string InsertInNode(Rng rng, List<DtsToken> t) => Insert(rng, t, Fill(rng, t, rng.Pick(DtsSnippets.InNode)), topLevel: false);

    private static string InsertTopLevel(Rng rng, List<DtsToken> t) => Insert(rng, t, Fill(rng, t, rng.Pick(DtsSnippets.TopLevel)), topLevel: true);

    private string SpliceNode(Rng rng, List<DtsToken> t)
    {
        var source = DtsTokenizer.Tokenize(rng.Pick(_spliceSources));
        var opens = Enumerable.Range(1, Math.Max(0, source.Count - 1)).Where(i => source[i].Text == "{").ToList();
        if (opens.Count == 0) return "no node to splice";
        int open = rng.Pick(opens);
        int name = open - 1;
        while (name > 0 && source[name].IsSpace) name--;
        if (name >= 2 && source[name - 1].Text == ":") name -= 2;
        int depth = 0, close = open;
        for (; close < source.Count; close++)
        {
            if (source[close].Text == "{") depth++;
            else if (source[close].Text == "}" && --depth == 0) break;
        }
        var block = source.GetRange(name, Math.Min(close, source.Count - 1) - name + 1);
        var text = DtsTokenizer.Join(block) + ";";
        return "spliced " + Insert(rng, t, text, topLevel: rng.OneIn(6));
    }

    private static string DeepNodes(Rng rng, List<DtsToken> t)
    {
        int depth = rng.Pick(new[] { 16, 64, 200, 1000, 5000, 20000 });
        var sb = new StringBuilder();
        for (int i = 0; i < depth; i++) sb.Append("n").Append(i % 10).Append(" {");
        sb.Append(" leaf;");
        for (int i = 0; i < depth; i++) sb.Append("};");
        Insert(rng, t, sb.ToString(), topLevel: false);
        return $"{depth} nested nodes";
    }

    private static string DeepExpression(Rng rng, List<DtsToken> t)
    {
        int depth = rng.Pick(new[] { 16, 64, 200, 1000, 5000, 20000 });
        var op = rng.Pick(new[] { "(", "(-", "(~", "(!", "(1+" });
        var text = "deep = <" + string.Concat(Enumerable.Repeat(op, depth)) + "1" + new string(')', depth) + ">;";
        Insert(rng, t, text, topLevel: false);
        return $"expression nested {depth} deep with '{op}'";
    }

    private static string MacroBomb(Rng rng, List<DtsToken> t)
    {
        int levels = rng.OneIn(12) ? rng.Pick(new[] { 24, 32, 48 }) : rng.Pick(new[] { 4, 8, 12, 16 });
        var sb = new StringBuilder("#define M0 1\n");
        for (int i = 1; i <= levels; i++) sb.Append($"#define M{i} (M{i - 1}+M{i - 1})\n");
        t.InsertRange(0, DtsTokenizer.Tokenize(sb.ToString()));
        Insert(rng, t, $"bomb = <M{levels}>;", topLevel: false);
        return $"macro doubling {levels} levels";
    }

    private static string UnbalanceBraces(Rng rng, List<DtsToken> t)
    {
        int i = PickOf(rng, t, x => x.Text is "{" or "}" or "<" or ">" or "[" or "]" or "(" or ")" or "\"");
        if (i < 0) return "no bracket";
        var old = t[i].Text;
        t.RemoveAt(i);
        return $"removed '{old}'";
    }

    private static string ReplaceWithLabelRef(Rng rng, List<DtsToken> t)
    {
        int i = PickOf(rng, t, x => x.Kind is DtsTokenKind.Number or DtsTokenKind.String);
        if (i < 0) return "no value";
        var label = rng.Pick(Labels(t));
        var v = rng.Pick(new[] { "&" + label, "&{/soc}", "&{/}", "&" + label + "x", "&{}" });
        var old = t[i].Text;
        t[i] = new(DtsTokenKind.Word, v);
        return $"value {Short(old)} -> {v}";
    }

    private static string Short(string s)
    {
        s = s.Replace("\n", "\\n");
        return s.Length > 40 ? s[..37] + "..." : s;
    }
}
