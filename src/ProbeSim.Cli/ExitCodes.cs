namespace ProbeSim.Cli;

/// <summary>What <c>probesim</c> returns.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A usage error or an I/O error (a file that cannot be read or written).</summary>
    public const int UsageOrIo = 1;
    /// <summary>The input has errors (DTS syntax, malformed DTB, unresolved reference...).</summary>
    public const int InputErrors = 2;
    /// <summary>An invariant broke (checking commands).</summary>
    public const int InvariantBroken = 3;
}
