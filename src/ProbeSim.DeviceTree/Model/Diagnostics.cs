namespace ProbeSim.DeviceTree.Model;

public enum Severity { Warning, Error }

/// <summary>One message about an input: where (source position, or byte offset in a blob) and what.</summary>
public sealed record Diagnostic(Severity Severity, string Message, SourceLocation? Location = null, long? ByteOffset = null, string? File = null)
{
    public override string ToString()
    {
        var kind = Severity == Severity.Error ? "error" : "warning";
        if (Location is { } loc) return $"{loc}: {kind}: {Message}";
        if (ByteOffset is { } off) return $"{File ?? "<blob>"}: {kind}: at byte offset {off} (0x{off:x}): {Message}";
        return File is null ? $"{kind}: {Message}" : $"{File}: {kind}: {Message}";
    }
}

/// <summary>Raised when an input cannot be processed. Carries every diagnostic collected until then.</summary>
public sealed class DeviceTreeException : Exception
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public DeviceTreeException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString())))
        => Diagnostics = diagnostics;

    public DeviceTreeException(Diagnostic diagnostic) : this(new[] { diagnostic }) { }

    public static DeviceTreeException At(SourceLocation loc, string message) =>
        new(new Diagnostic(Severity.Error, message, loc));

    public static DeviceTreeException AtOffset(string? file, long offset, string message) =>
        new(new Diagnostic(Severity.Error, message, null, offset, file));
}
