using ProbeSim.Acpi.Machine;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu.Intel;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.X86;

/// <summary>
/// An x86 machine ready to boot: its ACPI tables, its PCI functions, the kernel's build options and what the command line
/// asks of the IOMMU drivers, with the decisions the drivers take from them before any device exists. Immutable once
/// made; the kernels of a prepared boot share it.
/// </summary>
public sealed class X86Platform
{
    private X86Platform(AcpiMachine machine, PciTopology? pci, X86KernelConfig config, X86IommuParams p, IntelIommu intel)
    {
        Machine = machine; Pci = pci; Config = config; Params = p; Intel = intel;
    }

    public AcpiMachine Machine { get; }
    /// <summary>The PCI functions below the ACPI host bridge (one segment), or null when the machine has no PCI dump.</summary>
    public PciTopology? Pci { get; }
    public X86KernelConfig Config { get; }
    public X86IommuParams Params { get; }
    public IntelIommu Intel { get; }

    /// <summary>pci_request_acs was called before PCI enumeration (detect_intel_iommu or the AMD early init).</summary>
    public bool AcsRequested => Intel.Detected;

    /// <summary>
    /// Makes the platform for one command line. The topology is taken over: when an IOMMU driver requests ACS at
    /// detection, every function's ACS controls are set as pci_enable_acs sets them at pci_device_add.
    /// </summary>
    public static X86Platform Prepare(AcpiMachine machine, PciTopology? pci, X86KernelConfig config, string cmdline)
    {
        var p = X86IommuParams.From(new KernelCommandLine(cmdline));
        var intel = IntelIommu.Build(machine.Dmar, pci, config, p);
        var platform = new X86Platform(machine, pci, config, p, intel);
        // pci_iommu_alloc (arch/x86/kernel/pci-dma.c:113-124) runs from mm_init, long before acpi_init scans PCI:
        // pci_acs_init -> pci_enable_acs (drivers/pci/pci.c) then finds pci_acs_enable set
        if (pci is not null && platform.AcsRequested)
            foreach (var f in pci.ScanOrder()) PciAcs.EnableAcs(f);
        return platform;
    }
}
