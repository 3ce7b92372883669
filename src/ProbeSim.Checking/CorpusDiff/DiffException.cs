namespace ProbeSim.Checking.CorpusDiff;

/// <summary>What kind of input a <see cref="DiffException"/> rejects, so a command can pick its exit status.</summary>
public enum DiffErrorKind
{
    /// <summary>A bad argument: side spec syntax, unknown profile, missing kernel directory or file, bad shard.</summary>
    Usage,
    /// <summary>An input file with errors: a malformed scenario or kernel table, a slice JSON that does not fit the others.</summary>
    Input,
}

/// <summary>A corpus diff cannot run (or its slices cannot be merged); the message says why and names the file or option.</summary>
public sealed class DiffException : Exception
{
    public DiffException(DiffErrorKind kind, string message) : base(message) => Kind = kind;

    public DiffErrorKind Kind { get; }
}
