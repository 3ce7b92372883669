using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Iommu.Amd;

namespace ProbeSim.Kernel.X86;

/// <summary>amd_iommu_ops as the IOMMU core sees them: check_device/rlookup, amd_iommu_def_domain_type, get_resv_regions.</summary>
internal sealed class AmdIommuDriver(AmdIommuTables tables, AmdIommuCmdline cmdline) : IFirmwareIommuDriver
{
    public const string DriverName = "amd-iommu";

    private readonly Dictionary<IommuInstance, AmdIommuUnit> _units = new(ReferenceEqualityComparer.Instance);

    public void Add(IommuInstance inst, AmdIommuUnit unit) => _units[inst] = unit;

    // amd_iommu_probe_device (amd/iommu.c:1890-1905): check_device, the rlookup unit, and that unit registered
    public bool Translates(IommuInstance inst, Device dev) =>
        dev.Pci is { } f && _units.TryGetValue(inst, out var unit) &&
        AmdIommuDevice.Probe(tables, (ushort)f.Domain, f.Rid, u => _units.ContainsValue(u)) is { Accepted: true } d && d.Iommu == unit;

    // amd_iommu_def_domain_type: ATS/PRI/PASID are extended capabilities the model does not read from the dump, so an
    // IOMMUv2-capable device is not recognised (it would ask for identity)
    public IommuDomainType? DefDomainType(Device dev) =>
        AmdIommuDefDomain.Preference(new AmdDeviceCapabilities(dev.Pci is not null, dev.Pci?.Untrusted ?? false), new AmdDomainContext(IommuV2: false), cmdline) switch
        {
            AmdDomainPreference.Identity => IommuDomainType.Identity,
            AmdDomainPreference.Dma => IommuDomainType.Dma,
            _ => null,
        };

    // amd_iommu_get_resv_regions (amd/iommu.c:2345-2403): IVMD unity maps (not modelled), MSI_RANGE as msi, HT_RANGE reserved
    public IReadOnlyList<ReservedRegion> ReservedRegions(Device dev) => dev.Pci is null ? Array.Empty<ReservedRegion>() :
    [
        new ReservedRegion(0xfee00000, 0xfeefffff, ReservedRegionType.Msi),
        new ReservedRegion(0xfd00000000, 0xffffffffff, ReservedRegionType.Reserved),
    ];
}
