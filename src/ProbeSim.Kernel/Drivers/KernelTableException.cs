using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>A malformed row in a kernel driver-table directory; the message reads <c>file:line:col: error: reason</c>.</summary>
public sealed class KernelTableException : Exception
{
    public KernelTableException(SourceLocation location, string reason)
        : base($"{location}: error: {reason}")
    {
        Location = location;
        Reason = reason;
    }

    /// <summary>File, 1-based line and 1-based column (character) of the offending field.</summary>
    public SourceLocation Location { get; }

    /// <summary>The message without the location.</summary>
    public string Reason { get; }
}
