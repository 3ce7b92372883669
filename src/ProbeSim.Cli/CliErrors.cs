using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Cli;

/// <summary>The errors every command that boots a board can meet, and the exit code and message each gets.</summary>
public static class CliErrors
{
    /// <summary>An error of the user's input or environment (not a bug): reported in one line, never as a stack trace.</summary>
    public static bool IsExpected(Exception e) => e is DeviceTreeException or ScenarioException or PciTopologyException or KernelTableException
        or ProfileException or ArgumentException or IOException or UnauthorizedAccessException
        or ProbeSim.Acpi.Tables.AcpiTableException or ProbeSim.Acpi.Machine.AcpiMachineException;

    /// <summary>Reports an expected error: input files with errors give 2, usage and I/O problems give 1.</summary>
    public static int Report(CliIo io, Exception e) => e switch
    {
        DeviceTreeException d => io.Fail(d),
        ScenarioException or PciTopologyException or KernelTableException
            or ProbeSim.Acpi.Tables.AcpiTableException or ProbeSim.Acpi.Machine.AcpiMachineException => io.InputError(e.Message),
        _ => io.IoError(e.Message),
    };
}
