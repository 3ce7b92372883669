namespace ProbeSim.Kernel.Boot;

// Why the kernel refused a user action (ActionOutcome.Refusal). Each record names the kernel check that failed;
// line numbers are Linux v6.1 unless another version is named. ProbeSim.Reports (Actions/ActionText) words them.

/// <summary>Why the kernel refused a user action; one derived record per check.</summary>
public abstract record ActionRefusal
{
    /// <summary>The group members this refusal names as its cause, with their drivers (empty when it names none).</summary>
    public virtual IReadOnlyList<GroupMember> Culprits => Array.Empty<GroupMember>();
}

/// <summary>A device of an IOMMU group and the driver it is bound to (null: none).</summary>
public sealed record GroupMember(string Device, string? Driver);

/// <summary>
/// The group is not viable for user space: kernel DMA-API drivers are bound in it. v5.19+: their
/// iommu_device_use_default_domain made owner_cnt non-zero, so iommu_group_claim_dma_owner returns -EPERM
/// (drivers/iommu/iommu.c:3181-3183, from drivers/vfio/container.c:446-450). Before v5.19: vfio_dev_viable fails for a
/// member bound to a driver other than vfio, pci-stub or a bridge's, and VFIO_GROUP_GET_DEVICE_FD returns -EINVAL
/// (v5.10 drivers/vfio/vfio.c:1441-1443).
/// </summary>
/// <param name="Blockers">The members that make it so, with their drivers.</param>
public sealed record GroupNotViable(int Group, IReadOnlyList<GroupMember> Blockers) : ActionRefusal
{
    public override IReadOnlyList<GroupMember> Culprits => Blockers;
}

/// <summary>
/// Another user-space owner holds the group (iommu_device_claim_dma_owner: owner_cnt with another owner, -EPERM), or a kernel
/// driver's dma_configure found the group owned by user space (iommu_device_use_default_domain, -EBUSY).
/// </summary>
public sealed record GroupOwnedByUser(int Group, string Owner) : ActionRefusal;

/// <summary>The group is not on its default domain (a kernel driver attached its own): claim -EBUSY (drivers/iommu/iommu.c:3185-3188), attach -EBUSY, type change -EBUSY.</summary>
/// <param name="Domain">The type of the domain it is on (sysfs words: unmanaged, blocked, ...), or null.</param>
public sealed record GroupNotOnDefaultDomain(int Group, string? Domain) : ActionRefusal;

/// <summary>The device has no IOMMU group, so there is no /dev/vfio/N and no domain to attach.</summary>
public sealed record NoIommuGroup : ActionRefusal;

/// <summary>VFIO_GROUP_GET_DEVICE_FD: the device is not a VFIO device of the group (not bound to vfio-pci/vfio-platform), -ENODEV (drivers/vfio/vfio_main.c:605).</summary>
/// <param name="Driver">The driver the device is bound to instead, or null.</param>
public sealed record NotAVfioDevice(string? Driver) : ActionRefusal;

/// <summary>
/// The group has no container: VFIO_GROUP_GET_DEVICE_FD -EINVAL (drivers/vfio/container.c:520-522; v5.10 vfio.c:1441),
/// VFIO_GROUP_UNSET_CONTAINER -EINVAL (drivers/vfio/vfio_main.c:689-691; v5.10 vfio.c:1331-1332).
/// </summary>
public sealed record NoContainer(int Group) : ActionRefusal;

/// <summary>VFIO_GROUP_SET_CONTAINER on a group that already has one, -EINVAL (drivers/vfio/vfio_main.c:716-719; v5.10 vfio.c:1360-1361).</summary>
public sealed record ContainerAlreadySet(int Group) : ActionRefusal;

/// <summary>The kernel has no iommufd VFIO cdev (before v6.2): the ioctl is unknown, -ENOTTY.</summary>
public sealed record NoIommufd : ActionRefusal;

/// <summary>No device of that name existed when the action ran.</summary>
public sealed record NoSuchDevice : ActionRefusal;

/// <summary>The driver is not registered (its module is not loaded): /sys/bus/BUS/drivers/DRIVER does not exist, -ENOENT.</summary>
public sealed record DriverNotRegistered(string Driver) : ActionRefusal;

/// <summary>bind/unbind_store look the device up on the driver's bus only (bus_find_device_by_name, drivers/base/bus.c:189, 212): -ENODEV.</summary>
public sealed record DriverOnOtherBus(string Driver, string DriverBus) : ActionRefusal;

/// <summary>bind_store: driver_match_device says no (drivers/base/bus.c:213), -ENODEV.</summary>
public sealed record DriverDoesNotMatch(string Driver) : ActionRefusal;

/// <summary>
/// bind_store on a device that has a driver: -EBUSY from __driver_probe_device (drivers/base/dd.c:763-764); in v5.10
/// bind_store itself skipped it (dev->driver == NULL, v5.10 drivers/base/bus.c:213), -ENODEV.
/// </summary>
public sealed record AlreadyBound(string Driver) : ActionRefusal;

/// <summary>bind: really_probe failed with Error (the driver's probe or a core step), returned to the writer (drivers/base/dd.c:1108-1110; -ENODEV in v5.10, drivers/base/bus.c:219-221).</summary>
public sealed record ProbeFailed(string Driver, int Error) : ActionRefusal;

/// <summary>bind: the probe deferred; -EAGAIN (drivers/base/dd.c:1111-1112; -ENODEV in v5.10).</summary>
/// <param name="Reason">The deferral reason the device carries, or null.</param>
public sealed record ProbeDeferred(string Driver, string? Reason) : ActionRefusal;

/// <summary>
/// unbind: the device is not bound to that driver, unbind_store -ENODEV (drivers/base/bus.c:190); without a driver named,
/// the device has no driver link, so /sys/bus/BUS/devices/DEV/driver/unbind does not exist, -ENOENT.
/// </summary>
/// <param name="Driver">The driver named in the action, or null.</param>
/// <param name="BoundTo">The driver the device is bound to, or null.</param>
public sealed record NotBound(string? Driver, string? BoundTo) : ActionRefusal;

/// <summary>The group's sysfs <c>type</c> file cannot be written in this kernel (read-only before v5.11, absent before v4.13): -EACCES.</summary>
public sealed record GroupTypeNotWritable(int Group) : ActionRefusal;

/// <summary>The group has no default domain whose type could change, -EINVAL.</summary>
public sealed record NoDefaultDomain(int Group) : ActionRefusal;

/// <summary>The type written is not one this kernel knows for the group (DMA-FQ without a flush queue), -EINVAL.</summary>
public sealed record UnknownGroupType(string Type) : ActionRefusal;

/// <summary>The group has more than one device: type change v5.11-v6.3 (drivers/iommu/iommu.c:3016) and iommu_attach_device, -EINVAL.</summary>
public sealed record GroupHasSeveralDevices(int Group, IReadOnlyList<GroupMember> Members) : ActionRefusal
{
    public override IReadOnlyList<GroupMember> Culprits => Members;
}

/// <summary>Type change v5.11-v6.3: the group's one device is still bound (drivers/iommu/iommu.c:3055), -EBUSY.</summary>
public sealed record DeviceStillBound(int Group, GroupMember Member) : ActionRefusal
{
    public override IReadOnlyList<GroupMember> Culprits => [Member];
}

/// <summary>Type change v6.4+: the group is in use (owner_cnt != 0), by kernel drivers (Users) or a user-space owner, -EPERM; or empty.</summary>
public sealed record GroupInUse(int Group, string? Owner, IReadOnlyList<GroupMember> Users) : ActionRefusal
{
    public override IReadOnlyList<GroupMember> Culprits => Users;
}

/// <summary>The IOMMU driver could not allocate the domain, -ENOMEM.</summary>
public sealed record DomainAllocFailed : ActionRefusal;
