using ProbeSim.Kernel.Iommu;

namespace ProbeSim.Kernel.Result;

/// <summary>An IOMMU instance (iommu_device): its sysfs name, device, whether and when it registered.</summary>
public sealed record IommuInstanceRecord(string SysfsName, string Device, bool Registered, long RegisteredAtUs);

/// <summary>
/// An iommu group: its members in join order (<see cref="DeviceRecord.Id"/>s and names), its default and current domain types, its DMA owner (v5.19+) and owner
/// count, and whether VFIO set a container on it (before v5.19).
/// </summary>
public sealed record IommuGroupRecord(int Id, IReadOnlyList<int> DeviceIds, IReadOnlyList<string> Devices, IommuDomainType? DefaultDomain, IommuDomainType? Domain,
    string? Owner, int OwnerCount, bool VfioContainerSet);

/// <summary>A supplier unbound while a consumer that takes its resources stayed bound (recorded at the unbind).</summary>
public sealed record UnboundUnderConsumer(string Supplier, string Consumer, string? ConsumerDriver, long TimeUs);
