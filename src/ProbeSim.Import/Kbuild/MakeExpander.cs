using System.Text;

namespace ProbeSim.Import.Kbuild;

/// <summary>A make construct the evaluator does not model (<c>$(shell ...)</c>, <c>$(call ...)</c>, ...).</summary>
public sealed class MakeUnsupportedException(string what) : Exception(what);

/// <summary>
/// The make variables of one Kbuild file and GNU make's expansion of <c>$(VAR)</c>, <c>${VAR}</c>, <c>$X</c> and the
/// text functions Kbuild files use in object lists (subst, patsubst, addprefix, addsuffix, filter, filter-out, if,
/// strip, sort, findstring, firstword). CONFIG_* symbols come from the .config; other unset variables are empty.
/// </summary>
public sealed class MakeExpander
{
    private readonly KernelConfig _config;
    private readonly Dictionary<string, (string Value, bool Recursive)> _vars = new(StringComparer.Ordinal);

    public MakeExpander(KernelConfig config, IReadOnlyDictionary<string, string>? predefined = null)
    {
        _config = config;
        if (predefined is not null)
            foreach (var (k, v) in predefined) _vars[k] = (v, false);
    }

    public IEnumerable<string> Names => _vars.Keys;

    public bool IsDefined(string name) => _vars.ContainsKey(name) || (name.StartsWith("CONFIG_", StringComparison.Ordinal) && _config.IsSet(name));

    /// <summary>The expanded value of a variable.</summary>
    public string Get(string name, int depth = 0)
    {
        if (_vars.TryGetValue(name, out var v)) return v.Recursive ? Expand(v.Value, depth + 1) : v.Value;
        return name.StartsWith("CONFIG_", StringComparison.Ordinal) ? _config.Get(name) : "";
    }

    /// <summary>Assigns with make's operators: <c>=</c> (recursive), <c>:=</c>/<c>::=</c> (simple), <c>+=</c>, <c>?=</c>.</summary>
    public void Assign(string name, string op, string rawValue)
    {
        switch (op)
        {
            case "=": _vars[name] = (rawValue, true); break;
            case ":=": case "::=": _vars[name] = (Expand(rawValue), false); break;
            case "?=": if (!_vars.ContainsKey(name)) _vars[name] = (rawValue, true); break;
            case "+=":
                if (_vars.TryGetValue(name, out var old))
                {
                    var add = old.Recursive ? rawValue : Expand(rawValue);
                    _vars[name] = (old.Value.Length == 0 ? add : old.Value + " " + add, old.Recursive);
                }
                // GNU make makes a new variable recursive here; Kbuild object lists do not refer forward, and expanding now
                // keeps one unreadable line from losing the whole list
                else _vars[name] = (Expand(rawValue), false);
                break;
            default: throw new MakeUnsupportedException($"assignment operator {op}");
        }
    }

    public string Expand(string text, int depth = 0)
    {
        if (depth > 40) throw new MakeUnsupportedException("recursive variable expansion");
        if (text.IndexOf('$') < 0) return text;
        var sb = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c != '$' || i + 1 >= text.Length) { sb.Append(c); i++; continue; }
            char n = text[i + 1];
            if (n == '$') { sb.Append('$'); i += 2; continue; }
            if (n is '(' or '{')
            {
                int close = Matching(text, i + 1);
                var inner = text[(i + 2)..close];
                sb.Append(Reference(inner, depth));
                i = close + 1;
                continue;
            }
            sb.Append(Get(n.ToString(), depth));
            i += 2;
        }
        return sb.ToString();
    }

    private static int Matching(string text, int open)
    {
        char o = text[open], c = o == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] == o) depth++;
            else if (text[i] == c && --depth == 0) return i;
        }
        throw new MakeUnsupportedException("unbalanced " + o);
    }

    private string Reference(string inner, int depth)
    {
        int space = inner.IndexOfAny([' ', '\t']);
        var head = space < 0 ? inner : inner[..space];
        if (space > 0 && IsFunction(head)) return Function(head, SplitArgs(inner[(space + 1)..]), depth);
        // substitution reference $(VAR:a=b)
        int colon = inner.IndexOf(':');
        if (colon > 0 && inner.IndexOf('=', colon) > colon)
        {
            var name = Expand(inner[..colon], depth + 1);
            var eq = inner.IndexOf('=', colon);
            var from = inner[(colon + 1)..eq];
            var to = inner[(eq + 1)..];
            if (!from.Contains('%')) { from = "%" + from; to = "%" + to; }
            return string.Join(' ', Words(Get(name, depth)).Select(w => Patsubst(from, to, w)));
        }
        return Get(Expand(inner, depth + 1), depth);
    }

    private static bool IsFunction(string name) => name is "subst" or "patsubst" or "addprefix" or "addsuffix" or "filter" or "filter-out"
        or "if" or "strip" or "sort" or "findstring" or "firstword" or "shell" or "call" or "info" or "warning" or "error"
        or "wildcard" or "foreach" or "or" or "and" or "lastword" or "word" or "words" or "notdir" or "dir" or "basename"
        or "suffix" or "origin" or "eval" or "value" or "realpath" or "abspath" or "join";

    private static List<string> SplitArgs(string s)
    {
        var args = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] is '(' or '{') depth++;
            else if (s[i] is ')' or '}') depth--;
            else if (s[i] == ',' && depth == 0) { args.Add(s[start..i]); start = i + 1; }
        }
        args.Add(s[start..]);
        return args;
    }

    public static IEnumerable<string> Words(string s) => s.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private string Function(string name, List<string> a, int depth)
    {
        string E(int i) => i < a.Count ? Expand(a[i], depth + 1) : "";
        switch (name)
        {
            case "subst": { var from = E(0); return from.Length == 0 ? E(2) : E(2).Replace(from, E(1), StringComparison.Ordinal); }
            case "patsubst": { var f = E(0).Trim(); var t = E(1).Trim(); return string.Join(' ', Words(E(2)).Select(w => Patsubst(f, t, w))); }
            case "addprefix": { var p = E(0).Trim(); return string.Join(' ', Words(E(1)).Select(w => p + w)); }
            case "addsuffix": { var p = E(0).Trim(); return string.Join(' ', Words(E(1)).Select(w => w + p)); }
            case "filter": { var pats = Words(E(0)).ToList(); return string.Join(' ', Words(E(1)).Where(w => pats.Any(p => PatMatch(p, w)))); }
            case "filter-out": { var pats = Words(E(0)).ToList(); return string.Join(' ', Words(E(1)).Where(w => !pats.Any(p => PatMatch(p, w)))); }
            case "if": return E(0).Trim().Length > 0 ? E(1) : E(2);
            case "or": foreach (var i in Enumerable.Range(0, a.Count)) { var v = E(i).Trim(); if (v.Length > 0) return v; } return "";
            case "and": { string last = ""; for (int i = 0; i < a.Count; i++) { last = E(i).Trim(); if (last.Length == 0) return ""; } return last; }
            case "strip": return string.Join(' ', Words(E(0)));
            case "sort": return string.Join(' ', Words(E(0)).Distinct().Order(StringComparer.Ordinal));
            case "findstring": return E(1).Contains(E(0), StringComparison.Ordinal) ? E(0) : "";
            case "firstword": return Words(E(0)).FirstOrDefault() ?? "";
            case "lastword": return Words(E(0)).LastOrDefault() ?? "";
            case "info": case "warning": return "";
            default: throw new MakeUnsupportedException($"$({name} ...)");
        }
    }

    private static bool PatMatch(string pattern, string word)
    {
        int p = pattern.IndexOf('%');
        if (p < 0) return pattern == word;
        return word.Length >= pattern.Length - 1 && word.StartsWith(pattern[..p], StringComparison.Ordinal) && word.EndsWith(pattern[(p + 1)..], StringComparison.Ordinal);
    }

    private static string Patsubst(string from, string to, string word)
    {
        int p = from.IndexOf('%');
        if (p < 0) return word == from ? to : word;
        if (!PatMatch(from, word)) return word;
        var stem = word[p..(word.Length - (from.Length - p - 1))];
        int q = to.IndexOf('%');
        return q < 0 ? to : to[..q] + stem + to[(q + 1)..];
    }
}
