using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Iommu.Intel;

namespace ProbeSim.Kernel.X86;

/// <summary>intel_iommu_ops as the IOMMU core sees them: device_to_iommu, device_def_domain_type, get_resv_regions.</summary>
internal sealed class IntelIommuDriver(IntelIommu intel) : IFirmwareIommuDriver
{
    public const string DriverName = "intel-iommu";

    private readonly Dictionary<IommuInstance, DmarUnit> _units = new(ReferenceEqualityComparer.Instance);

    public void Add(IommuInstance inst, DmarUnit unit) => _units[inst] = unit;

    public bool Translates(IommuInstance inst, Device dev) =>
        dev.Pci is { } f && _units.TryGetValue(inst, out var unit) && intel.UnitFor(f) == unit;

    public IommuDomainType? DefDomainType(Device dev) => dev.Pci is { } f ? intel.DefDomainType(f) : null;

    public IReadOnlyList<ReservedRegion> ReservedRegions(Device dev) =>
        dev.Pci is { } f ? intel.ReservedRegions(f) : Array.Empty<ReservedRegion>();
}
