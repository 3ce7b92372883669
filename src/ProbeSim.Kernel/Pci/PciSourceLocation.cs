namespace ProbeSim.Kernel.Pci;

/// <summary>
/// Where a PCI description item came from: a YAML file position (1-based line and column) or, for a sysfs dump,
/// a config file and a byte offset in it (line and column 0).
/// </summary>
public sealed record PciSourceLocation(string File, int Line, int Column, int? Offset = null)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}"
        : Offset is int o ? $"{File}: offset 0x{o:x}"
        : File;
}
