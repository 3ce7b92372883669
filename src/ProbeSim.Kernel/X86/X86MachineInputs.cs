using ProbeSim.Acpi.Machine;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.X86;

/// <summary>
/// What an x86 boot reads besides the command line: the machine's ACPI tables, its PCI functions (a sysfs dump, or
/// null) and the kernel's build options.
/// </summary>
public sealed record X86MachineInputs(AcpiMachine Acpi, PciTopology? Pci, X86KernelConfig Config)
{
    /// <summary>Loads an ACPI machine directory (docs/acpi-machine.md) with its pci/ dump, if it has one.</summary>
    public static X86MachineInputs Load(string dir, X86KernelConfig config)
    {
        var acpi = AcpiMachine.Load(dir);
        var pci = acpi.PciDumpDirectory is { } p ? PciSysfsDump.Load(p).Single() : null;
        return new X86MachineInputs(acpi, pci, config);
    }
}
