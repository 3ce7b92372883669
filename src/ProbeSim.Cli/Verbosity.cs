namespace ProbeSim.Cli;

/// <summary>How much a command says besides what was asked for (<c>--quiet</c>, default, <c>--verbose</c>).</summary>
public enum Verbosity
{
    /// <summary>Errors and the requested output only: no warnings, progress bars or summary chatter.</summary>
    Quiet,
    Normal,
    /// <summary>Also timings and the resolved inputs (profile, switches, driver set), on standard error.</summary>
    Verbose,
}
