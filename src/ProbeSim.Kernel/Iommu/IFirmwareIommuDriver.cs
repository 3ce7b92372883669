using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Iommu;

/// <summary>
/// An IOMMU driver that finds the devices it translates in firmware tables instead of a fwspec: intel-iommu
/// (device_to_iommu over the DMAR device scopes) and amd-iommu (the IVRS rlookup table).
/// </summary>
internal interface IFirmwareIommuDriver
{
    /// <summary>ops->probe_device's lookup: whether this registered instance translates the device.</summary>
    bool Translates(IommuInstance inst, Device dev);

    /// <summary>ops->def_domain_type: the type the driver asks for this device, or null (no preference).</summary>
    IommuDomainType? DefDomainType(Device dev);

    /// <summary>Whether <see cref="DefDomainType"/>'s answer for the device rests on a fact the machine's files do not give.</summary>
    IommuTypeGuess TypeGuess(Device dev) => IommuTypeGuess.None;

    /// <summary>ops->get_resv_regions for the device.</summary>
    IReadOnlyList<ReservedRegion> ReservedRegions(Device dev);
}
