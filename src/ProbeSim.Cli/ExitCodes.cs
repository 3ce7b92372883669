namespace ProbeSim.Cli;

/// <summary>What <c>probesim</c> returns (docs/exit-codes.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A usage error (bad option, missing argument, unknown profile...) or an I/O error (a file that cannot be read or written).</summary>
    public const int UsageOrIo = 1;
    /// <summary>The input has errors (DTS syntax, malformed DTB, unresolved reference, bad scenario file...).</summary>
    public const int InputErrors = 2;
    /// <summary>An invariant broke (checking commands).</summary>
    public const int InvariantBroken = 3;
    /// <summary><c>vfio plan</c> refused: the device has no IOMMU group, or a group-mate cannot be handed over safely.</summary>
    public const int PlanRefused = 4;
    /// <summary>ProbeSim itself failed (an exception nobody expected: a bug to report); sysexits' EX_SOFTWARE.</summary>
    public const int InternalError = 70;
}
