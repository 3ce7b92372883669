using System.Text.RegularExpressions;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Kbuild;

/// <summary>
/// Reads a kernel tree's Kbuild files from the top (<c>Kbuild</c>, else <c>Makefile</c>) with a .config, the way
/// scripts/Makefile.build does: <c>obj-y</c>/<c>obj-m</c> (with <c>$(CONFIG_X)</c> in the name), <c>dir/</c> entries
/// descended in place (so the order files are met in is link order), composite objects (<c>foo-y</c>, <c>foo-objs</c>,
/// <c>foo-m</c>, <c>foo-$(CONFIG_X)</c>) named after the composite (KBUILD_MODNAME), <c>ifdef</c>/<c>ifeq</c> blocks,
/// <c>include</c>. Anything else that decides an object list is recorded as unknown.
/// <para>The top Makefile's arch variables are a fixed list (<see cref="ArchVariables"/>): for arm64, <c>ARCH_LIB</c> is
/// <c>lib/ arch/arm64/lib/</c> (Makefile libs-y) and <c>ARCH_CORE</c>/<c>ARCH_DRIVERS</c> are empty (arch/arm64/Makefile
/// adds none in 6.1). <c>subdir-y</c> directories are not descended: their objects are not linked and their modules are
/// not in modules.order (scripts/Makefile.build modorder).</para>
/// </summary>
public sealed class KbuildEvaluator
{

    private readonly string _root;
    private readonly KernelConfig _config;
    private readonly string _arch;
    private readonly Dictionary<string, KbuildObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BuildStatus> _visited = new(StringComparer.Ordinal);
    private readonly List<ImportedUnknown> _unknowns = new();
    private int _link;

    private KbuildEvaluator(string root, KernelConfig config, string arch)
    {
        _root = root;
        _config = config;
        _arch = arch;
    }

    public static KbuildResult Evaluate(string sourceRoot, KernelConfig config, string arch)
    {
        var e = new KbuildEvaluator(sourceRoot, config, arch);
        e.Directory("", BuildStatus.BuiltIn);
        return new KbuildResult(e._objects, e._unknowns);
    }

    /// <summary>The variables the top Makefile hands to the top Kbuild file, per arch (documented fixed list).</summary>
    public static IReadOnlyDictionary<string, string> ArchVariables(string arch) => new Dictionary<string, string>
    {
        ["SRCARCH"] = arch, ["ARCH"] = arch, ["srctree"] = ".", ["objtree"] = ".",
        ["ARCH_CORE"] = "", ["ARCH_DRIVERS"] = "",
        ["ARCH_LIB"] = arch == "arm64" ? "lib/ arch/arm64/lib/" : $"lib/ arch/{arch}/lib/",
    };

    private static int Rank(BuildStatus s) => s switch { BuildStatus.BuiltIn => 3, BuildStatus.Module => 2, BuildStatus.Unknown => 1, _ => 0 };

    private static BuildStatus Min(BuildStatus a, BuildStatus b) => Rank(a) <= Rank(b) ? a : b;

    private void Directory(string dir, BuildStatus context)
    {
        if (_visited.TryGetValue(dir, out var before) && Rank(before) >= Rank(context)) return;
        _visited[dir] = context;
        var full = Path.Combine(_root, dir);
        var file = File.Exists(Path.Combine(full, "Kbuild")) ? "Kbuild" : "Makefile";
        var rel = dir.Length == 0 ? file : dir + file;
        if (!File.Exists(Path.Combine(full, file)))
        {
            _unknowns.Add(new ImportedUnknown(dir.Length == 0 ? "." : dir, "kbuild", "no Kbuild or Makefile in a directory the build descends into", null) { Cause = UnknownCause.KbuildNoMakefile });
            return;
        }
        var vars = new Dictionary<string, string>(ArchVariables(_arch)) { ["src"] = dir.TrimEnd('/'), ["obj"] = dir.TrimEnd('/') };
        var make = new MakeExpander(_config, vars);
        var lines = new Dictionary<string, SourceLine>(StringComparer.Ordinal);
        Read(make, rel, lines, 0);

        foreach (var (listName, status) in new[] { ("obj-y", BuildStatus.BuiltIn), ("obj-m", BuildStatus.Module) })
        {
            var words = MakeExpander.Words(Value(make, listName, rel)).ToList();
            if (status == BuildStatus.Module)
            {
                var builtIn = MakeExpander.Words(Value(make, "obj-y", rel)).ToHashSet(StringComparer.Ordinal);
                words = words.Where(w => !builtIn.Contains(w)).ToList();
            }
            foreach (var w in words.Distinct(StringComparer.Ordinal))
            {
                var effective = Min(status, context);
                var rule = lines.TryGetValue(listName, out var l) ? l : new SourceLine(rel, 0);
                if (w.EndsWith('/')) Directory(Normalize(dir + w), effective);
                else if (w.EndsWith(".o", StringComparison.Ordinal))
                {
                    var name = w[..^2];
                    // scripts/Makefile.lib name-fix: KBUILD_MODNAME is the module name with '-' as '_'
                    var module = Path.GetFileName(name).Replace('-', '_');
                    foreach (var member in Members(make, name, status, rel, 0))
                        Record(Normalize(dir + member) + ".c", effective, module, rule);
                }
            }
        }
    }

    private string Value(MakeExpander make, string name, string rel)
    {
        try { return make.Get(name); }
        catch (MakeUnsupportedException e)
        {
            _unknowns.Add(new ImportedUnknown(rel, "kbuild", $"{name} uses {e.Message}, which the importer does not evaluate", new SourceLine(rel, 0)) { Cause = UnknownCause.KbuildUnevaluated });
            return "";
        }
    }

    private IEnumerable<string> Members(MakeExpander make, string name, BuildStatus status, string rel, int depth)
    {
        var parts = new List<string>();
        foreach (var suffix in status == BuildStatus.Module ? new[] { "-objs", "-y", "-m" } : new[] { "-objs", "-y" })
            parts.AddRange(MakeExpander.Words(Value(make, name + suffix, rel)));
        if (parts.Count == 0 || depth > 4) { yield return name; yield break; }
        foreach (var p in parts.Distinct(StringComparer.Ordinal))
        {
            if (!p.EndsWith(".o", StringComparison.Ordinal)) continue;
            var member = p[..^2];
            if (member == name) { yield return member; continue; }
            foreach (var m in Members(make, member, status, rel, depth + 1)) yield return m;
        }
    }

    private void Record(string file, BuildStatus status, string module, SourceLine rule)
    {
        if (!File.Exists(Path.Combine(_root, file))) return; // assembler, Rust or generated sources
        if (_objects.TryGetValue(file, out var old) && Rank(old.Status) >= Rank(status)) return;
        _objects[file] = new KbuildObject(file, status, module, old?.LinkIndex ?? _link++, rule);
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var p in path.Split('/'))
        {
            if (p is "" or ".") continue;
            if (p == ".." && parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            else parts.Add(p);
        }
        var s = string.Join('/', parts);
        return path.EndsWith('/') && s.Length > 0 ? s + "/" : s;
    }

    /// <summary>Runs one Kbuild file's lines: conditionals, assignments, include.</summary>
    private void Read(MakeExpander make, string rel, Dictionary<string, SourceLine> lines, int depth)
    {
        var text = File.ReadAllText(Path.Combine(_root, rel)).Replace("\r\n", "\n");
        var raw = text.Split('\n');
        var active = new Stack<(bool Taking, bool Taken, bool Outer)>();
        bool Taking() => active.Count == 0 || active.Peek().Taking;
        bool inDefine = false;
        for (int i = 0; i < raw.Length; i++)
        {
            int lineNo = i + 1;
            var line = raw[i];
            while (line.EndsWith('\\') && i + 1 < raw.Length) line = line[..^1] + " " + raw[++i];
            int hash = IndexOfComment(line);
            if (hash >= 0) line = line[..hash];
            if (line.StartsWith('\t')) continue; // recipe
            line = line.Trim();
            if (line.Length == 0) continue;
            if (inDefine) { if (line.StartsWith("endef", StringComparison.Ordinal)) inDefine = false; continue; }
            if (line.StartsWith("define ", StringComparison.Ordinal)) { inDefine = true; continue; }
            var word = line.Split([' ', '\t', '('], 2)[0];
            try
            {
                switch (word)
                {
                    case "ifdef" or "ifndef" or "ifeq" or "ifneq":
                    {
                        bool outer = Taking();
                        bool cond = outer && Condition(make, word, line[word.Length..].Trim());
                        active.Push((cond, cond, outer));
                        continue;
                    }
                    case "else":
                    {
                        if (active.Count == 0) continue;
                        var top = active.Pop();
                        var rest = line[4..].Trim();
                        if (rest.Length > 0)
                        {
                            var w2 = rest.Split([' ', '\t', '('], 2)[0];
                            bool cond = top.Outer && !top.Taken && Condition(make, w2, rest[w2.Length..].Trim());
                            active.Push((cond, top.Taken || cond, top.Outer));
                        }
                        else active.Push((top.Outer && !top.Taken, true, top.Outer));
                        continue;
                    }
                    case "endif":
                        if (active.Count > 0) active.Pop();
                        continue;
                }
                if (!Taking()) continue;
                if (word is "include" or "-include" or "sinclude")
                {
                    foreach (var path in MakeExpander.Words(make.Expand(line[word.Length..].Trim())))
                    {
                        var target = Normalize(path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path);
                        if (depth < 8 && File.Exists(Path.Combine(_root, target))) Read(make, target, lines, depth + 1);
                        else if (word == "include") _unknowns.Add(new ImportedUnknown(rel, "kbuild", $"include of '{path}' not found", new SourceLine(rel, lineNo)) { Cause = UnknownCause.KbuildIncludeMissing });
                    }
                    continue;
                }
                if (SplitAssignment(line) is not { } a) continue;
                var name = make.Expand(a.Name).Trim();
                make.Assign(name, a.Op, a.Value);
                if (name.StartsWith("obj-", StringComparison.Ordinal) && !lines.ContainsKey(name)) lines[name] = new SourceLine(rel, lineNo);
            }
            catch (MakeUnsupportedException e)
            {
                // flags and host-tool variables do not decide what is built: only object lists and conditionals matter
                if (!DecidesObjects(word, line)) continue;
                _unknowns.Add(new ImportedUnknown(rel, "kbuild", $"line uses {e.Message}, which the importer does not evaluate", new SourceLine(rel, lineNo)) { Cause = UnknownCause.KbuildUnevaluated });
                if (word is "ifdef" or "ifndef" or "ifeq" or "ifneq") active.Push((false, false, Taking()));
            }
        }
    }

    private static readonly Regex ObjectList = new(@"^(?:obj-|subdir-|lib-|[\w./$()-]*-(?:y|m|objs|\$\())", RegexOptions.CultureInvariant);

    private static bool DecidesObjects(string word, string line) =>
        word is "ifdef" or "ifndef" or "ifeq" or "ifneq" or "else" or "include" || (ObjectList.IsMatch(line) && !NotObjects.IsMatch(line));

    private static readonly Regex NotObjects = new(@"^(?:subdir-)?(?:ccflags|asflags|ldflags|cflags|CFLAGS|AFLAGS|KBUILD|KCOV|KASAN|UBSAN|OBJECT_FILES|GCOV|hostprogs|always|extra|targets|clean-files|userprogs|userccflags|HOST|quiet_cmd|cmd_)", RegexOptions.CultureInvariant);

    /// <summary>NAME OP VALUE with the operator found outside <c>$(...)</c> (a name may hold <c>$(subst m,y,$(CONFIG_X))</c>); null for rules and other lines.</summary>
    internal static (string Name, string Op, string Value)? SplitAssignment(string line)
    {
        foreach (var prefix in new[] { "export ", "override " })
            if (line.StartsWith(prefix, StringComparison.Ordinal)) line = line[prefix.Length..].TrimStart();
        int depth = 0;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c is '(' or '{') { depth++; continue; }
            if (c is ')' or '}') { depth--; continue; }
            if (depth > 0) continue;
            string? op = c switch
            {
                '+' when At(line, i, "+=") => "+=",
                '?' when At(line, i, "?=") => "?=",
                ':' when At(line, i, "::=") => "::=",
                ':' when At(line, i, ":=") => ":=",
                ':' => "",
                '=' => "=",
                _ => null,
            };
            if (op is null) continue;
            if (op.Length == 0) return null; // a rule
            var name = line[..i].Trim();
            if (name.Length == 0 || name.Contains(' ') && !name.Contains('$')) return null;
            return (name, op, line[(i + op.Length)..].Trim());
        }
        return null;
    }

    private static bool At(string s, int i, string what) => string.CompareOrdinal(s, i, what, 0, what.Length) == 0;

    private static int IndexOfComment(string line)
    {
        for (int i = 0; i < line.Length; i++)
            if (line[i] == '#' && (i == 0 || line[i - 1] != '\\')) return i;
        return -1;
    }

    private static bool Condition(MakeExpander make, string kind, string args)
    {
        if (kind is "ifdef" or "ifndef")
        {
            var name = make.Expand(args).Trim();
            bool defined = make.IsDefined(name) && make.Get(name).Length > 0;
            return kind == "ifdef" ? defined : !defined;
        }
        var (a, b) = SplitCondition(args);
        bool equal = make.Expand(a).Trim() == make.Expand(b).Trim();
        return kind == "ifeq" ? equal : !equal;
    }

    private static (string, string) SplitCondition(string s)
    {
        if (s.StartsWith('('))
        {
            int depth = 0;
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == '(') depth++;
                else if (s[i] == ')') depth--;
                else if (s[i] == ',' && depth == 1)
                {
                    int end = s.LastIndexOf(')');
                    return (s[1..i], s[(i + 1)..end]);
                }
            }
            throw new MakeUnsupportedException("a malformed conditional");
        }
        var q = Regex.Match(s, "^([\"'])(.*?)\\1\\s+([\"'])(.*?)\\3$");
        if (q.Success) return (q.Groups[2].Value, q.Groups[4].Value);
        throw new MakeUnsupportedException("a malformed conditional");
    }
}
