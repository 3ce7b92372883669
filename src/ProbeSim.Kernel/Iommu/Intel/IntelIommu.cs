using ProbeSim.Acpi.Dmar;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.X86;

namespace ProbeSim.Kernel.Iommu.Intel;

/// <summary>
/// What the VT-d driver (drivers/iommu/intel) decides from the firmware's DMAR table, the PCI functions present, the
/// build options and the command line: whether DMA remapping is detected early (and so ACS requested before PCI
/// enumeration), which DRHD units it brings up, which unit translates each PCI function, the per-device default domain
/// type and the reserved regions. It holds no boot state: the IOMMU core registers the units and makes the groups.
/// </summary>
public sealed class IntelIommu
{
    private IntelIommu(IReadOnlyList<DmarUnit> units, bool detected, IntelIommuOff? off, X86IommuParams p, X86KernelConfig config,
        IReadOnlyList<(DmarRmrr, IReadOnlyList<PciFunction>)> rmrrs)
    {
        Units = units; Detected = detected; Off = off; _p = p; _config = config; _rmrrs = rmrrs;
    }

    private readonly X86IommuParams _p;
    private readonly X86KernelConfig _config;
    /// <summary>Each RMRR with the functions its scopes name (dmar_parse_one_rmrr + dmar_insert_dev_scope), resolved once.</summary>
    private readonly IReadOnlyList<(DmarRmrr Rmrr, IReadOnlyList<PciFunction> Devices)> _rmrrs;

    /// <summary>The units in table order (their seq ids).</summary>
    public IReadOnlyList<DmarUnit> Units { get; }

    /// <summary>detect_intel_iommu set iommu_detected and called pci_request_acs (before PCI enumeration).</summary>
    public bool Detected { get; }

    /// <summary>Why intel_iommu_init brings up no unit; null when it does.</summary>
    public IntelIommuOff? Off { get; }

    /// <summary>The units in dmar_drhd_units list order: units with device scopes first (last in the table first), INCLUDE_PCI_ALL units last.</summary>
    public IEnumerable<DmarUnit> ListOrder =>
        // dmar_register_drhd_unit (intel/dmar.c:68-78): INCLUDE_ALL units at the tail, the others at the head
        Units.Where(u => !u.IncludeAll).Reverse().Concat(Units.Where(u => u.IncludeAll));

    /// <summary>for_each_active_iommu: the units intel_iommu_init registers, in list order.</summary>
    public IEnumerable<DmarUnit> ActiveUnits => Off is null ? ListOrder.Where(u => !u.Ignored) : Enumerable.Empty<DmarUnit>();

    /// <summary>Builds the driver's view of the machine.</summary>
    public static IntelIommu Build(DmarTable? dmar, PciTopology? pci, X86KernelConfig config, X86IommuParams p)
    {
        if (!config.IntelIommu) return new([], false, IntelIommuOff.NotBuilt, p, config, []);
        if (dmar is null) return new([], false, IntelIommuOff.NoDmarTable, p, config, []);
        if (dmar.Rejection is not null) return new([], false, IntelIommuOff.TableRejected, p, config, []);
        // intel/iommu.c:308 dmar_disabled = CONFIG_INTEL_IOMMU_DEFAULT_OFF; intel_iommu_setup on/off overrides it
        bool dmarDisabled = p.IntelOn is { } on ? !on : config.IntelDefaultOff;
        // dmar_required (intel/dmar.c:916-925): no tboot here; platform opt-in counts unless intel_iommu=off
        bool optIn = (dmar.Flags & DmarFlags.DmaCtrlPlatformOptIn) != 0 && !p.IntelNoPlatformOptIn;
        bool required = !p.NoIommu && (!dmarDisabled || optIn);
        // detect_intel_iommu (intel/dmar.c:927-945): iommu_detected and pci_request_acs when remapping is required
        bool detected = required;
        // intel_iommu_init (intel/iommu.c:4016-4075): no_iommu or dmar_disabled switches the units off
        // (platform_optin_force_iommu would clear dmar_disabled, but only with an external-facing port: not modelled)
        IntelIommuOff? off = p.NoIommu ? IntelIommuOff.NoIommu : dmarDisabled ? IntelIommuOff.DmarDisabled : null;
        bool mapGfx = !p.IntelIgfxOff;
        var units = new List<DmarUnit>();
        int seq = 0;
        foreach (var drhd in dmar.Drhds)
        {
            var scope = pci is null || drhd.Segment != pci.Domain ? new List<PciFunction>() : ResolveScopes(drhd.Scopes, pci);
            // init_no_remapping_devices (intel/iommu.c:3136-3170): a unit without any device is ignored; one with only
            // display devices is gfx-dedicated and ignored with intel_iommu=igfx_off
            bool ignored = !drhd.IncludePciAll && scope.Count == 0;
            bool gfx = !drhd.IncludePciAll && !ignored && scope.All(IsGfx);
            if (gfx && !mapGfx) ignored = true;
            units.Add(new DmarUnit(seq++, drhd, scope, ignored, gfx));
        }
        var rmrrs = dmar.Rmrrs.Select(r => (r, (IReadOnlyList<PciFunction>)(pci is null || r.Segment != pci.Domain ? [] : ResolveScopes(r.Scopes, pci)))).ToList();
        return new IntelIommu(units, detected, off, p, config, rmrrs);
    }

    // IS_GFX_DEVICE (intel/iommu.c:37): base class 03
    private static bool IsGfx(PciFunction f) => f.ClassCode >> 16 == 0x03;

    // IS_INTGPU_DEVICE (intel/iommu.c:38-40, Debian): an Intel display function on the root bus
    private static bool IsIntegratedGpu(PciFunction f) => IsGfx(f) && f.VendorId == 0x8086 && f.Parent is null;

    // IS_USB_DEVICE (intel/iommu.c:41): class 0c03
    private static bool IsUsb(PciFunction f) => f.ClassCode >> 8 == 0x0c03;

    /// <summary>
    /// dmar_insert_dev_scope for every function in add order: the functions the endpoint and bridge scopes name.
    /// </summary>
    internal static List<PciFunction> ResolveScopes(IReadOnlyList<DeviceScope> scopes, PciTopology pci)
    {
        var found = new List<PciFunction>();
        foreach (var f in pci.ScanOrder())
            foreach (var s in scopes)
            {
                // dmar_insert_dev_scope (intel/dmar.c:230-232): only PCI endpoint and bridge scopes name PCI functions
                if (s.Type is not (DeviceScopeType.PciEndpoint or DeviceScopeType.PciBridge)) continue;
                if (!MatchesPath(f, s, pci.RootBus)) continue;
                // intel/dmar.c:248-255: an endpoint scope needs a normal header, a bridge scope a bridge (or a bridge class)
                bool normal = f.HeaderType == PciHeaderType.Normal;
                if ((s.Type == DeviceScopeType.PciEndpoint && !normal) ||
                    (s.Type == DeviceScopeType.PciBridge && normal && f.ClassCode >> 16 != 0x06)) continue;
                if (!found.Contains(f)) found.Add(f);
            }
        return found;
    }

    // dmar_match_pci_path (intel/dmar.c:179-211): the path from the root bus, or (one-step paths) the function's own
    // bus/device/function, the firmware-bug workaround
    private static bool MatchesPath(PciFunction f, DeviceScope s, byte rootBus)
    {
        var chain = new List<PciFunction>();
        for (var x = f; x is not null; x = x.Parent) chain.Insert(0, x);
        if (rootBus == s.StartBus && chain.Count == s.Path.Count)
        {
            bool same = true;
            for (int i = 0; i < chain.Count && same; i++)
                same = chain[i].Device == s.Path[i].Device && chain[i].Function == s.Path[i].Function;
            if (same) return true;
        }
        return s.Path.Count == 1 && f.Bus == s.StartBus && f.Device == s.Path[0].Device && f.Function == s.Path[0].Function;
    }

    // is_downstream_to_pci_bridge (intel/iommu.c:671-688): the function sits on a bus in the bridge's range
    private static bool IsDownstream(PciFunction f, PciFunction bridge) =>
        bridge.SecondaryBus is { } sec && bridge.SubordinateBus is { } sub && sec <= f.Bus && sub >= f.Bus;

    /// <summary>
    /// device_to_iommu (intel/iommu.c:737-805) + iommu_is_dummy: the unit translating a PCI function, or null. Units are
    /// searched in list order: a scope naming the function or a bridge above it, else an INCLUDE_PCI_ALL unit of the segment.
    /// </summary>
    public DmarUnit? UnitFor(PciFunction f)
    {
        foreach (var u in ListOrder)
        {
            if (u.Segment != f.Domain) continue;
            foreach (var d in u.ScopeDevices)
                if (d == f || IsDownstream(f, d)) return u.Ignored ? null : u;
            if (u.IncludeAll) return u.Ignored ? null : u;
        }
        return null;
    }

    /// <summary>
    /// device_def_domain_type (intel/iommu.c:2670-2686): identity for a display function with intel_iommu=igfx_off
    /// (IDENTMAP_GFX, iommu.c:3071-3072), and, Debian's patch, for an integrated Intel GPU unless dmar_map_intgpu
    /// (IDENTMAP_INTGPU, iommu.c:3074-3075; CONFIG_INTEL_IOMMU_DEFAULT_ON or intel_iommu=on set it). Null: no preference.
    /// </summary>
    public IommuDomainType? DefDomainType(PciFunction f)
    {
        if (_p.IntelIgfxOff && IsGfx(f)) return IommuDomainType.Identity;
        bool mapIntgpu = _p.IntelMapIntgpu ?? _config.IntelDefaultOn;
        if (!mapIntgpu && IsIntegratedGpu(f)) return IommuDomainType.Identity;
        return null;
    }

    /// <summary>
    /// intel_iommu_get_resv_regions (intel/iommu.c:4642-4699): each RMRR whose scope names the function or a bridge
    /// above it (direct, relaxable for USB and display functions), the floppy work-around for an ISA bridge, then the
    /// IOAPIC range as the MSI region.
    /// </summary>
    public IReadOnlyList<ReservedRegion> ReservedRegions(PciFunction f)
    {
        var regions = new List<ReservedRegion>();
        foreach (var (rmrr, devices) in _rmrrs)
            foreach (var d in devices)
            {
                if (d != f && !IsDownstream(f, d)) continue;
                // device_rmrr_is_relaxable (intel/iommu.c:2617-2629)
                regions.Add(new ReservedRegion(rmrr.BaseAddress, rmrr.LimitAddress,
                    IsUsb(f) || IsGfx(f) ? ReservedRegionType.DirectRelaxable : ReservedRegionType.Direct));
            }
        // CONFIG_INTEL_IOMMU_FLOPPY_WA: class 0601 gets 0..16 MiB
        if (_config.IntelFloppyWorkaround && f.ClassCode >> 8 == 0x0601)
            regions.Add(new ReservedRegion(0, (1UL << 24) - 1, ReservedRegionType.DirectRelaxable));
        // IOAPIC_RANGE_START..IOAPIC_RANGE_END (intel/iommu.c:45-46)
        regions.Add(new ReservedRegion(0xfee00000, 0xfeefffff, ReservedRegionType.Msi));
        return regions;
    }
}
