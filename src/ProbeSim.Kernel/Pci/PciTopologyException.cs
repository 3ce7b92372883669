namespace ProbeSim.Kernel.Pci;

/// <summary>
/// An invalid PCI topology description or sysfs dump. The message reads <c>file:line:col: error: reason</c>
/// (1-based); for a config file of a sysfs dump it reads <c>file: offset 0xNN: error: reason</c>.
/// </summary>
public sealed class PciTopologyException : Exception
{
    public PciTopologyException(PciSourceLocation location, string reason, Exception? inner = null)
        : base($"{location}: error: {reason}", inner)
    {
        File = location.File;
        Line = location.Line;
        Column = location.Column;
        Offset = location.Offset;
        Reason = reason;
    }

    public string File { get; }

    /// <summary>1-based line of the offending key or value; 0 for a sysfs dump file.</summary>
    public int Line { get; }

    /// <summary>1-based column; 0 for a sysfs dump file.</summary>
    public int Column { get; }

    /// <summary>Byte offset in a config file, when the error is about one.</summary>
    public int? Offset { get; }

    /// <summary>The message without the location.</summary>
    public string Reason { get; }
}
