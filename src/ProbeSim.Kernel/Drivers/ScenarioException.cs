using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>An invalid scenario file; the message reads <c>file:line:col: error: reason</c> (1-based line and column).</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(SourceLocation location, string reason, Exception? inner = null)
        : base($"{location}: error: {reason}", inner)
    {
        Location = location;
        Reason = reason;
    }

    /// <summary>Where the offending key or value starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>The message without the location.</summary>
    public string Reason { get; }
}
