namespace ProbeSim.Acpi.Tables;

/// <summary>
/// A table that cannot be read: the file, the byte offset of the first problem and one line saying what it is.
/// The message has the shape of the device-tree front end's blob errors (<c>FILE: error: at byte offset N (0xN): reason</c>).
/// </summary>
public sealed class AcpiTableException : Exception
{
    public AcpiTableException(string file, long offset, string reason)
        : base($"{file}: error: at byte offset {offset} (0x{offset:x}): {reason}")
    {
        File = file;
        Offset = offset;
        Reason = reason;
    }

    public string File { get; }

    public long Offset { get; }

    /// <summary>The message without the file and offset.</summary>
    public string Reason { get; }
}
