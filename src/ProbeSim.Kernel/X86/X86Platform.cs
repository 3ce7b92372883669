using ProbeSim.Acpi.Machine;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu.Amd;
using ProbeSim.Kernel.Iommu.Intel;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Pci.Quirks;

namespace ProbeSim.Kernel.X86;

/// <summary>
/// An x86 machine ready to boot: its ACPI tables, its PCI functions, the kernel's build options and what the command line
/// asks of the IOMMU drivers, with the decisions the drivers take from them before any device exists. Immutable once
/// made; the kernels of a prepared boot share it.
/// </summary>
public sealed class X86Platform
{
    private X86Platform(AcpiMachine machine, PciTopology? pci, X86KernelConfig config, X86IommuParams p, IntelIommu intel,
        AmdIommuCmdline amdCmdline, AmdIommuState? amd)
    {
        Machine = machine; Pci = pci; Config = config; Params = p; Intel = intel; AmdCmdline = amdCmdline; Amd = amd;
    }

    public AcpiMachine Machine { get; }
    /// <summary>The PCI functions below the ACPI host bridge (one segment), or null when the machine has no PCI dump.</summary>
    public PciTopology? Pci { get; }
    public X86KernelConfig Config { get; }
    public X86IommuParams Params { get; }
    public IntelIommu Intel { get; }
    /// <summary>What the AMD-Vi driver's command-line handlers left.</summary>
    public AmdIommuCmdline AmdCmdline { get; }
    /// <summary>amd_iommu_detect's state machine after detection (null: the kernel is built without CONFIG_AMD_IOMMU).</summary>
    public AmdIommuState? Amd { get; }

    /// <summary>pci_request_acs was called before PCI enumeration (detect_intel_iommu, or detect_ivrs on AMD).</summary>
    public bool AcsRequested => Intel.Detected || (Amd?.AcsRequested ?? false);

    /// <summary>
    /// x86_init.iommu.iommu_init at pci_iommu_init: amd_iommu_detect sets amd_iommu_init, then detect_intel_iommu replaces
    /// it with intel_iommu_init whenever a DMAR table is valid (arch/x86/kernel/pci-dma.c:121-122, intel/dmar.c:947-950).
    /// </summary>
    public bool AmdInitRuns => Amd is { Detected: true } && Intel.Off is IntelIommuOff.NotBuilt or IntelIommuOff.NoDmarTable or IntelIommuOff.TableRejected;

    /// <summary>
    /// Makes the platform for one command line. The topology is taken over: when an IOMMU driver requests ACS at
    /// detection, every function's ACS controls are set as pci_enable_acs sets them at pci_device_add.
    /// </summary>
    public static X86Platform Prepare(AcpiMachine machine, PciTopology? pci, X86KernelConfig config, string cmdline, PciQuirkSet quirks)
    {
        // the profile's PCI quirks; the AMD southbridge ACS quirk applies only where an IVRS exists (quirks.c pci_quirk_amd_sb_acs)
        pci = pci?.WithQuirks(quirks.WithAcpiIvrs(machine.Ivrs is not null));
        var p = X86IommuParams.From(new KernelCommandLine(cmdline));
        var intel = IntelIommu.Build(machine.Dmar, pci, config, p);
        var amdCmdline = AmdIommuCmdline.Parse(cmdline);
        // amd_iommu_detect (amd/init.c): the functions of bus 0 feed its Stoney Ridge graphics check
        var bus0 = pci?.RootBusFunctions.Select(f => (f.Device, f.VendorId, f.DeviceId)).ToList() ?? [];
        var amd = config.AmdIommu ? AmdIommuInit.Run(machine.Ivrs, amdCmdline, new AmdIommuPlatform { Bus0Functions = bus0 }) : null;
        var platform = new X86Platform(machine, pci, config, p, intel, amdCmdline, amd);
        // iommu_init_device -> setup_aliases (amd/iommu.c): a device the AMD IOMMU takes gets its IVRS alias, when on
        // its own bus, as a PCI DMA alias before its group is looked for (applied here, before any group exists)
        if (pci is not null && platform.AmdInitRuns && amd!.Tables is { } tables)
            foreach (var f in pci.ScanOrder())
                if (AmdIommuDevice.Check(tables, (ushort)f.Domain, f.Rid).Accepted &&
                    AmdIommuAliases.IvrsDmaAliasDevfn(tables, (ushort)f.Domain, f.Bus, f.Devfn) is { } alias)
                    f.AddDmaAlias(alias);
        // pci_iommu_alloc (arch/x86/kernel/pci-dma.c:113-124) runs from mm_init, long before acpi_init scans PCI:
        // pci_acs_init -> pci_enable_acs (drivers/pci/pci.c) then finds pci_acs_enable set
        if (pci is not null && platform.AcsRequested)
            foreach (var f in pci.ScanOrder()) PciAcs.EnableAcs(f);
        return platform;
    }
}
