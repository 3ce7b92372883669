using System.CommandLine;

namespace ProbeSim.Cli;

/// <summary>The options every command accepts (recursive options of the root command).</summary>
public sealed class GlobalOptions
{
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only errors and the requested output (no warnings, progress bars or summaries)", Recursive = true };
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Also print timings and the resolved profile, switches and driver set (on standard error)", Recursive = true };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Quiet);
        root.Options.Add(Verbose);
    }

    /// <summary>Both given: a usage error.</summary>
    public bool Conflict(ParseResult pr) => Given(pr, Quiet) && Given(pr, Verbose);

    public Verbosity Of(ParseResult pr) =>
        Given(pr, Quiet) ? Verbosity.Quiet : Given(pr, Verbose) ? Verbosity.Verbose : Verbosity.Normal;

    // read from the tokens, so a flag given twice with values (--verbose false --verbose false) under --help, where
    // the parse errors are not reported, does not make System.CommandLine's GetValue throw
    private static bool Given(ParseResult pr, Option<bool> flag)
    {
        if (pr.GetResult(flag) is not { Implicit: false } r) return false;
        if (r.Tokens.Count == 0) return true;
        return bool.TryParse(r.Tokens[^1].Value, out var v) && v;
    }
}
