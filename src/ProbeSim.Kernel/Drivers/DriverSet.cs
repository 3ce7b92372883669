using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>Per-node override from a scenario file (matched by DT path): replaces the driver decision for that one node.</summary>
public sealed record NodeOverride(string Path, DriverSpec? Driver, DriverAvailability? Availability);

/// <summary>
/// A kernel's drivers for one board: the drivers in registration order (built-ins within one initcall level
/// register in this order), the early OF tables, and whether the kernel has loadable modules (CONFIG_MODULES).
/// </summary>
public sealed record DriverSet
{
    public required string Name { get; init; }
    public IReadOnlyList<DriverSpec> Drivers { get; init; } = Array.Empty<DriverSpec>();
    public IReadOnlyList<EarlyEntry> EarlyTables { get; init; } = Array.Empty<EarlyEntry>();
    /// <summary>CONFIG_MODULES.</summary>
    public bool Modules { get; init; } = true;
    /// <summary>Seconds after late_initcall at which udev coldplug loads the modules matching present devices (null: no autoload).</summary>
    public double? ModuleAutoloadAt { get; init; }
    /// <summary>Per-node overrides (scenario files), applied before matching.</summary>
    public IReadOnlyList<NodeOverride> NodeOverrides { get; init; } = Array.Empty<NodeOverride>();
    /// <summary>User-space actions (sysfs bind/unbind, driver_override, module loads) at given times.</summary>
    public IReadOnlyList<UserAction> Actions { get; init; } = Array.Empty<UserAction>();
}

/// <summary>What user space does through sysfs or modprobe.</summary>
public enum UserActionKind
{
    Bind, Unbind, DriverOverride, LoadModule,
    /// <summary>VFIO_GROUP_SET_CONTAINER (+ VFIO_SET_IOMMU type1) on the device's group.</summary>
    VfioSetContainer,
    /// <summary>VFIO_GROUP_UNSET_CONTAINER: the group goes back to the kernel.</summary>
    VfioUnsetContainer,
    /// <summary>VFIO_GROUP_GET_DEVICE_FD.</summary>
    VfioOpenDevice,
    /// <summary>iommufd cdev: VFIO_DEVICE_BIND_IOMMUFD (iommu_device_claim_dma_owner).</summary>
    IommufdBind,
    IommufdUnbind,
    /// <summary>echo TYPE > /sys/kernel/iommu_groups/N/type.</summary>
    GroupType,
    /// <summary>A kernel driver's iommu_attach_device / iommu_attach_group / iommu_detach_group with a named unmanaged domain.</summary>
    AttachDevice, AttachGroup, DetachGroup,
}

/// <summary>A user-space action at At seconds after late_initcall. Device is a device name, DT path or label; Driver a driver name; Module a module name.</summary>
public sealed record UserAction(double At, UserActionKind Kind, string? Device, string? Driver, string? Module, string Origin = "", string? Value = null)
{
    /// <summary>Where a scenario file wrote the action (its entry): a board's inputs are checked against it (<see cref="ScenarioActionCheck"/>).</summary>
    public SourceLocation? Location { get; init; }
}

/// <summary>Something that gives the driver set for a given board (the default set depends on the board's compatibles).</summary>
public interface IDriverSetSource
{
    string Name { get; }
    DriverSet Resolve(DtTree tree);
}
