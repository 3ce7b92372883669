using System.Text.RegularExpressions;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>
/// Checks that every file:line of an <see cref="ExpectedDriver"/> points at a line of a kernel tree that holds what it
/// cites: the struct symbol, the probe function, the request's call (and name, message nearby), the child's call or
/// name, the early declare's compatible and init, an initcall macro of the stated level, the Makefile object or config.
/// </summary>
public sealed class CitationChecker(string root)
{
    private readonly SourceTree tree = new(root);

    /// <summary>One line per bad citation: <c>id: what path:line: reason</c>; empty when all hold.</summary>
    public IReadOnlyList<string> Check(ExpectedDriver d) => Check(d, tree).ToList();

    /// <summary>The initcall macros of each level (include/linux/init.h, module.h, device/driver.h).</summary>
    private static readonly Dictionary<InitcallLevel, Regex> LevelMacros = new()
    {
        [InitcallLevel.Early] = new(@"\bearly_initcall\("),
        [InitcallLevel.Core] = new(@"\bcore_initcall(_sync)?\("),
        [InitcallLevel.Postcore] = new(@"\bpostcore_initcall(_sync)?\("),
        [InitcallLevel.Arch] = new(@"\barch_initcall\("),
        [InitcallLevel.ArchSync] = new(@"\barch_initcall_sync\("),
        [InitcallLevel.Subsys] = new(@"\bsubsys_initcall(_sync)?\("),
        [InitcallLevel.Fs] = new(@"\b(fs|rootfs)_initcall(_sync)?\("),
        [InitcallLevel.Device] = new(@"\b(module_init|device_initcall(_sync)?|module_\w*driver|builtin_\w*driver(_probe)?)\("),
        [InitcallLevel.Late] = new(@"\blate_initcall(_sync)?\("),
    };

    private static IEnumerable<string> Check(ExpectedDriver d, SourceTree tree)
    {
        IEnumerable<string> One(SourceLine? at, string what, params string?[] needles) =>
            at is { } a ? tree.Holds(a, 0, needles.Where(n => n is not null).Select(n => n!).ToArray()) is { } err
                ? new[] { $"{d.Id}: {what} {a}: {err}" } : Array.Empty<string>()
            : Array.Empty<string>();
        IEnumerable<string> Near(SourceLine at, string what, string needle, int after = 2) =>
            tree.Holds(at, after, needle) is { } err ? new[] { $"{d.Id}: {what} {at}: {err}" } : Array.Empty<string>();

        var errs = new List<string>();
        errs.AddRange(One(d.StructAt, "struct_at", d.GeneratedBy ?? d.Symbol));
        errs.AddRange(One(d.ProbeAt, "probe_at", d.Probe));
        if (d.MakefileAt is { } mk)
        {
            var symbol = d.Config.Select(ConfigSymbol).FirstOrDefault();
            var obj = Path.GetFileNameWithoutExtension(d.File) + ".o";
            var text = tree.Line(mk);
            if (text is null) errs.Add($"{d.Id}: makefile_at {mk}: no such line");
            else if (!text.Contains(obj, StringComparison.Ordinal) && (symbol is null || !text.Contains(symbol, StringComparison.Ordinal)))
                errs.Add($"{d.Id}: makefile_at {mk}: neither {obj} nor {symbol} in \"{text.Trim()}\"");
        }
        if (d.InitcallAt is { } ic && d.Initcall is { } level)
        {
            var text = tree.Line(ic);
            var macro = d.GeneratedBy is null ? null : d.GeneratedBy[..(d.GeneratedBy.IndexOf('(') + 1)];
            if (text is null || !(LevelMacros[level].IsMatch(text) || (macro is not null && text.Contains(macro, StringComparison.Ordinal))))
                errs.Add($"{d.Id}: initcall_at {ic}: no {level} initcall macro in \"{text?.Trim()}\"");
        }
        foreach (var r in d.Requests)
        {
            errs.AddRange(One(r.At, "request", r.Call));
            if (r.Name is not null) errs.AddRange(Near(r.NameAt ?? r.At, "request name", r.Name));
            if (r.Message is not null) errs.AddRange(Near(r.At, "request message", r.Message, after: 4));
        }
        foreach (var c in d.Children)
            errs.AddRange(Near(c.At, "child", c.Call ?? c.Name ?? c.Compatible ?? "?"));
        foreach (var x in d.Defers)
            errs.AddRange(Near(x.At, "defer", x.Text ?? "EPROBE_DEFER"));
        foreach (var x in d.Early)
        {
            // a declare may wrap: CLK_OF_DECLARE_DRIVER(name, "compatible",\n init)
            if (tree.Holds(x.At, 1, new[] { x.Compatible, x.Init, x.Declare }.Where(n => n is not null).Select(n => n!).ToArray()) is { } err)
                errs.Add($"{d.Id}: early {x.At}: {err}");
            foreach (var p in x.ProvidesAt)
                if (tree.Line(p) is null) errs.Add($"{d.Id}: provides_at {p}: no such line");
        }
        return errs;
    }

    /// <summary><c>CONFIG_X=y</c> / <c># CONFIG_X is not set</c> -> CONFIG_X.</summary>
    internal static string ConfigSymbol(string configLine)
    {
        var m = Regex.Match(configLine, @"CONFIG_\w+");
        return m.Success ? m.Value : configLine;
    }

    /// <summary>The kernel tree's files, read once each.</summary>
    private sealed class SourceTree(string root)
    {
        private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);

        public string? Line(SourceLine at)
        {
            if (!_files.TryGetValue(at.File, out var lines))
            {
                var path = Path.Combine(root, at.File);
                lines = File.Exists(path) ? File.ReadAllLines(path) : null;
                _files[at.File] = lines;
            }
            return lines is not null && at.Line <= lines.Length ? lines[at.Line - 1] : null;
        }

        /// <summary>Null when every needle is on the line (or, with <paramref name="after"/> &gt; 0, on it or the next lines); else the reason.</summary>
        public string? Holds(SourceLine at, int after, params string[] needles)
        {
            var first = Line(at);
            if (first is null) return "no such line";
            var text = first;
            for (var i = 1; i <= after; i++)
                if (Line(at with { Line = at.Line + i }) is { } more) text += "\n" + more;
            var missing = needles.Where(n => !text.Contains(n, StringComparison.Ordinal)).ToList();
            return missing.Count == 0 ? null : $"{string.Join(", ", missing)} not in \"{first.Trim()}\"";
        }
    }
}
