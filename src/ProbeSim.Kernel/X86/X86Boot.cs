using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.X86;

/// <summary>
/// The x86 boot path of an ACPI machine (arch/x86/kernel/pci-dma.c, drivers/acpi/pci_root.c): DMAR detection from
/// mm_init, the ACPI host bridge's PCI scan at subsys_initcall, and the IOMMU driver's init at rootfs_initcall. It owns
/// no state: the machine is an input (<see cref="X86Platform"/>), what it registers is the PCI and IOMMU cores'.
/// </summary>
/// <remarks>
/// The wiring it uses from <see cref="Boot.Kernel"/>: the clock and the log, the profile settings, the machine and
/// whether DMA is modelled (inputs), and the calls Linux makes directly: the PCI core's root scan and the IOMMU core's
/// registration of the firmware-described IOMMUs.
/// </remarks>
internal sealed class X86Boot : KernelSubsystem
{
    internal X86Boot(Boot.Kernel kernel) : base(kernel) { }

    // --- the wiring, named as the rules use it (the clock, settings and log: Boot.KernelSubsystem)

    private X86Platform? X86 => _k.X86;
    private bool DmaModel => _k.DmaModel;
    private PciCore PciCore => _k.PciCore;
    private IommuCore IommuCore => _k.IommuCore;

    // start_kernel -> mm_init -> pci_iommu_alloc: amd_iommu_detect, detect_intel_iommu (arch/x86/kernel/pci-dma.c:113-124)
    internal void EarlySetup()
    {
        if (X86 is not { } x) return;
        // intel_iommu_setup (intel/iommu.c:354, 358)
        if (x.Params.IntelOn is { } on && x.Config.IntelIommu) Printk(LogLevel.Info, on ? "DMAR: IOMMU enabled" : "DMAR: IOMMU disabled");
        if (x.Machine.Dmar is { Rejection: null } dmar && x.Config.IntelIommu)
        {
            // parse_dmar_table -> dmar_table_print_dmar_entry (intel/dmar.c:670, 531, 537)
            Printk(LogLevel.Info, $"DMAR: Host address width {dmar.HostAddressWidth}");
            foreach (var s in dmar.Structures)
            {
                if (s is Acpi.Dmar.DmarDrhd d) Printk(LogLevel.Info, $"DMAR: DRHD base: 0x{d.RegisterBase:x14} flags: 0x{d.Flags:x}");
                else if (s is Acpi.Dmar.DmarRmrr r) Printk(LogLevel.Info, $"DMAR: RMRR base: 0x{r.BaseAddress:x14} end: 0x{r.LimitAddress:x14}");
            }
        }
    }

    // acpi_init (subsys_initcall) -> acpi_pci_root_add: the PCI core scans the machine's root bus (PciCore.AcpiScanRoot)
    internal void AcpiPciRootScan()
    {
        if (X86?.Pci is { } topo) PciCore.AcpiScanRoot(topo);
    }

    // pci_iommu_init (rootfs_initcall, after the PCI scan): x86_init.iommu.iommu_init = intel_iommu_init
    internal void PciIommuInit()
    {
        if (X86 is not { } x || !DmaModel) return;
        if (x.AmdInitRuns) { AmdIommuInit(x); return; }
        var intel = x.Intel;
        if (intel.Off is not null || x.Machine.Dmar is not { } dmar || x.Pci is null) return;
        // intel_iommu_init (intel/iommu.c:4050-4055)
        if (dmar.Rmrrs.Count == 0) Printk(LogLevel.Info, "DMAR: No RMRR found");
        if (dmar.Atsrs.Count == 0) Printk(LogLevel.Info, "DMAR: No ATSR found");
        if (dmar.Satcs.Count == 0 && S.DmarSatc) Printk(LogLevel.Info, "DMAR: No SATC found");
        var driver = new IntelIommuDriver(intel);
        // for_each_active_iommu: iommu_device_sysfs_add + iommu_device_register (intel/iommu.c:4085-4102)
        var units = new List<IommuInstance>();
        foreach (var unit in intel.ActiveUnits)
        {
            // the class devices /sys/devices/virtual/iommu/dmarN of the remapping units (not on any bus)
            var dev = new Device(-1 - unit.SeqId, unit.Name, IommuCore.IommuClass, null, null);
            var inst = new IommuInstance(IommuCore.Instances.Count + units.Count, IommuDriverCatalog.Defaults(IommuKind.IntelVtd), dev, null, unit.Name,
                IntelIommuDriver.DriverName) { Firmware = driver };
            driver.Add(inst, unit);
            units.Add(inst);
        }
        IommuCore.RegisterFirmwareIommus(units);
        Printk(LogLevel.Info, "DMAR: Intel(R) Virtualization Technology for Directed I/O");
    }

    // amd_iommu_init (amd/init.c): iommu_go_to_state(IOMMU_INITIALIZED) -> amd_iommu_init_pci -> iommu_init_pci per IOMMU:
    // the NpCache capability forces strict mode, then iommu_device_sysfs_add (below its PCI function) + iommu_device_register
    private void AmdIommuInit(X86Platform x)
    {
        if (x.Amd?.Tables is not { } tables || x.Pci is not { } pci) return;
        if (tables.PciInit((seg, devid) => seg == pci.Domain && pci.Find(devid >> 8, devid & 0xff) is not null) is not null) return;
        var driver = new AmdIommuDriver(tables, x.AmdCmdline);
        var units = new List<IommuInstance>();
        foreach (var unit in tables.Iommus)
        {
            var fn = pci.Find(unit.Bus, unit.Devfn)!;
            var dev = PciCore.DeviceOf(fn);
            if (dev is null) continue;
            // iommu_init_pci (amd/init.c:2110-2114): IOMMU_CAP_NPCACHE (bit 26 of the capability header) -> strict
            if (fn.ReadConfigDword(unit.CapabilityOffset) is { } cap && (cap & (1u << 26)) != 0)
            {
                Printk(LogLevel.Info, "AMD-Vi: Using strict mode due to virtualization");
                IommuCore.IommuSetDmaStrict();
            }
            var inst = new IommuInstance(IommuCore.Instances.Count + units.Count, IommuDriverCatalog.Defaults(IommuKind.AmdVi), dev, null, unit.SysfsName,
                AmdIommuDriver.DriverName) { Firmware = driver };
            driver.Add(inst, unit);
            units.Add(inst);
            // iommu_init_pci (amd/init.c:2183)
            DevPrintk(LogLevel.Info, dev, $"AMD-Vi: Found IOMMU cap 0x{unit.CapabilityOffset:x}");
        }
        IommuCore.RegisterFirmwareIommus(units);
    }
}
