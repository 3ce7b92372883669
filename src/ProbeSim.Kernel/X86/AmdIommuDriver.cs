using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Iommu.Amd;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.X86;

/// <summary>amd_iommu_ops as the IOMMU core sees them: check_device/rlookup, amd_iommu_def_domain_type, get_resv_regions.</summary>
internal sealed class AmdIommuDriver(AmdIommuTables tables, AmdIommuCmdline cmdline) : IFirmwareIommuDriver
{
    public const string DriverName = "amd-iommu";

    private readonly Dictionary<IommuInstance, AmdIommuUnit> _units = new(ReferenceEqualityComparer.Instance);
    // a function's config space is an input: decoded once, not at each def_domain_type and again for the result
    private readonly Dictionary<PciFunction, (AmdDeviceCapabilities? Known, AmdDeviceCapabilities Assumed)> _caps = new(ReferenceEqualityComparer.Instance);

    public void Add(IommuInstance inst, AmdIommuUnit unit) => _units[inst] = unit;

    // amd_iommu_probe_device (amd/iommu.c:1890-1905): check_device, the rlookup unit, and that unit registered
    public bool Translates(IommuInstance inst, Device dev) =>
        dev.Pci is { } f && _units.TryGetValue(inst, out var unit) &&
        AmdIommuDevice.Probe(tables, (ushort)f.Domain, f.Rid, u => _units.ContainsValue(u)) is { Accepted: true } d && d.Iommu == unit;

    // amd_iommu_def_domain_type (amd/iommu.c:2437-2459) on iommu_init_device's iommu_v2 flag (iommu.c:396-405)
    public IommuDomainType? DefDomainType(Device dev)
    {
        var caps = Capabilities(dev);
        return Decide(caps.Known ?? caps.Assumed, IommuV2(dev) ?? false);
    }

    // the answer rests on a guess when a fact the files do not give could change it
    public IommuTypeGuess TypeGuess(Device dev)
    {
        if (dev.Pci is null) return IommuTypeGuess.None;
        var caps = Capabilities(dev);
        var v2 = IommuV2(dev);
        var capsOptions = caps.Known is { } k ? [k] : new[] { caps.Assumed, caps.Assumed with { Ats = true, Pri = true, Pasid = true } };
        var v2Options = v2 is { } known ? [known] : new[] { false, true };
        var answers = capsOptions.SelectMany(c => v2Options.Select(v => Decide(c, v))).Distinct().Count();
        if (answers < 2) return IommuTypeGuess.None;
        return caps.Known is null ? IommuTypeGuess.AmdV2DeviceCapsUnread : IommuTypeGuess.AmdV2EfrUnread;
    }

    private IommuDomainType? Decide(AmdDeviceCapabilities caps, bool iommuV2) =>
        AmdIommuDefDomain.Preference(caps, new AmdDomainContext(IommuV2: iommuV2), cmdline) switch
        {
            AmdDomainPreference.Identity => IommuDomainType.Identity,
            AmdDomainPreference.Dma => IommuDomainType.Dma,
            _ => null,
        };

    // pci_iommuv2_capable (amd/iommu.c:326-344): pci_ats_supported (ATS, not untrusted), then PRI and PASID, found by
    // pci_find_ext_capability in the extended config space; a PCIe function dumped without it does not say (Known null)
    private (AmdDeviceCapabilities? Known, AmdDeviceCapabilities Assumed) Capabilities(Device dev)
    {
        if (dev.Pci is not { } f) return (new AmdDeviceCapabilities(false), new AmdDeviceCapabilities(false));
        if (!_caps.TryGetValue(f, out var caps)) _caps[f] = caps = ReadCapabilities(f);
        return caps;
    }

    private static (AmdDeviceCapabilities? Known, AmdDeviceCapabilities Assumed) ReadCapabilities(PciFunction f)
    {
        var none = new AmdDeviceCapabilities(true, f.Untrusted);
        // a function written in a topology file has the capabilities it was given (none of these)
        if (f.RawConfig is not { } raw) return (none, none);
        // the dump reader decoded these bytes already: they are well formed
        var cfg = PciConfigSpace.Decode(raw, f.Name);
        // pci_cfg_space_size: a conventional function has 256 bytes, none of them extended; a PCIe function has 4096, so
        // 256 bytes of one are a cut-off dump
        if (raw.Length <= 0x100) return cfg.PcieType is null ? (none, none) : (null, none);
        var ext = cfg.ExtendedCapabilities;
        bool Has(ushort id) => ext.Any(c => c.Id == id);
        return (none with { Ats = Has(PciExtCapIdAts), Pri = Has(PciExtCapIdPri), Pasid = Has(PciExtCapIdPasid) }, none);
    }

    // PCI_EXT_CAP_ID_ATS, _PRI, _PASID (include/uapi/linux/pci_regs.h)
    private const ushort PciExtCapIdAts = 0x0f, PciExtCapIdPri = 0x13, PciExtCapIdPasid = 0x1b;

    // iommu_init_pci (amd/init.c:2101-2105): is_iommu_v2 when the features have GT and PPR; the features are the IVHD's
    // EFR image (early_iommu_features_init, init.c:318-321) or, without one, the MMIO register (late_iommu_features_init,
    // init.c:2024-2039), which the files do not give (null)
    private bool? IommuV2(Device dev)
    {
        if (dev.Pci is not { } f) return false;
        var d = AmdIommuDevice.Probe(tables, (ushort)f.Domain, f.Rid, u => _units.ContainsValue(u));
        if (d is not { Accepted: true, Iommu: { } unit }) return false;
        return unit.IvhdEfr is { } efr ? AmdIommuFeatures.IsIommuV2(efr) : null;
    }

    // amd_iommu_get_resv_regions (amd/iommu.c:2345-2403): IVMD unity maps (not modelled), MSI_RANGE as msi, HT_RANGE reserved
    public IReadOnlyList<ReservedRegion> ReservedRegions(Device dev) => dev.Pci is null ? Array.Empty<ReservedRegion>() :
    [
        new ReservedRegion(0xfee00000, 0xfeefffff, ReservedRegionType.Msi),
        new ReservedRegion(0xfd00000000, 0xffffffffff, ReservedRegionType.Reserved),
    ];
}
