using System.CommandLine;

namespace ProbeSim.Cli.Boot;

/// <summary>Options of <c>probesim boot</c> that would be silently ignored next to others: refused with one line naming both.</summary>
public static class BootConflicts
{
    /// <param name="stdoutViews">Views printed on standard output after the table (<c>--log</c>, <c>--devlinks</c>, <c>--sysfs</c>, <c>--tree</c>).</param>
    /// <param name="all"><c>--all</c>: the table's not-present nodes (the JSON lists them anyway).</param>
    public static string? Find(ParseResult pr, Option<string?> json, Option<string?> dot, IReadOnlyList<Option<bool>> stdoutViews, Option levelOption, Option<bool> log, Option<bool> all)
    {
        if (pr.GetResult(levelOption) is { Implicit: false } && !pr.GetValue(log)) return "--log-level sets what --log prints; give --log too";
        if (pr.GetValue(dot) == "-" && pr.GetValue(json) == "-") return "--dot - and --json - cannot both write to standard output";
        if (pr.GetValue(json) == "-" && pr.GetValue(dot) is null && pr.GetValue(all)) return "--json - lists every DT node already; --all changes nothing there";
        foreach (var (document, name) in new[] { (pr.GetValue(json), "--json -"), (pr.GetValue(dot), "--dot -") })
        {
            if (document != "-") continue;
            // the document alone goes to standard output: no table, log or listing after it
            if (stdoutViews.FirstOrDefault(v => pr.GetValue(v)) is { } view)
                return $"{name} prints only that document on standard output; {view.Name} would print nothing (write the document to a file)";
        }
        return null;
    }
}
