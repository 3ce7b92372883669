namespace ProbeSim.Acpi.Machine;

/// <summary>A machine directory that cannot be used as one (missing, a table that is not a regular file, too large).</summary>
public sealed class AcpiMachineException : Exception
{
    public AcpiMachineException(string path, string reason) : base($"{path}: error: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    public string Path { get; }

    public string Reason { get; }
}
