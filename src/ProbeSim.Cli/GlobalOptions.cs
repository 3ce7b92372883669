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
    public bool Conflict(ParseResult pr) => pr.GetValue(Quiet) && pr.GetValue(Verbose);

    public Verbosity Of(ParseResult pr) =>
        pr.GetValue(Quiet) ? Verbosity.Quiet : pr.GetValue(Verbose) ? Verbosity.Verbose : Verbosity.Normal;
}
