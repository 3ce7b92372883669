namespace ProbeSim.Kernel.Boot;

/// <summary>End state of one device, as JSON reports it (docs/json.md).</summary>
public enum DeviceState { Bound, Deferred, Failed, NoDriver, NotPresent }

/// <summary>
/// What a device's outcome rests on (docs/boot.md, "Basis"): Modelled = its driver's probe plan is complete, or the
/// outcome needs no driver-specific probe fact (no driver, not present, a scripted probe); Partial = a plan with steps the
/// importer could not read; Guessed = the generic probe of a driver without a plan.
/// </summary>
public enum OutcomeBasis { Modelled, Partial, Guessed }

/// <summary>A fact of the hardware that an outcome depends on and the device tree does not give.</summary>
public enum BasisGap
{
    None,
    /// <summary>An AMBA device whose node has no <c>arm,primecell-periphid</c>: amba_read_periphid reads the id from the
    /// device's registers, so which AMBA driver (matched by id) binds is not known.</summary>
    AmbaPeriphidFromHardware,
    /// <summary>A PCI bridge with an SHPC capability on an ACPI machine: whether shpchp binds depends on the firmware's
    /// _OSC/OSHP grant and on hotplug slot names, which the machine's files do not carry.</summary>
    AcpiHotplugControl,
    /// <summary>The driver came from an alias table and its probe was not read: it is taken to succeed.</summary>
    ProbeUnread,
    /// <summary>As <see cref="ProbeUnread"/>, and the driver's name is its module's, not established from its source.</summary>
    ProbeUnreadNameGuessed,
}

/// <summary>printk levels the model uses (KERN_ERR .. KERN_DEBUG).</summary>
public enum LogLevel { Emerg = 0, Alert = 1, Crit = 2, Err = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 }

/// <summary>One dmesg line: time in microseconds since boot, level, text without the timestamp.</summary>
public sealed record LogLine(long TimeUs, LogLevel Level, string Text, string? Device = null);

/// <summary>A bus notifier event as a listener sees it (BUS_NOTIFY_*), with its time.</summary>
public sealed record NotifierEvent(long TimeUs, string Event, string Device, string? Driver);

/// <summary>What happened to one device (or to a node that never became one).</summary>
public sealed record DeviceOutcome
{
    public required string Name { get; init; }
    /// <summary>"platform", "amba", "pci", or null for a node that never became a device.</summary>
    public string? Bus { get; init; }
    /// <summary>Full DT path of the device's node.</summary>
    public string? OfNode { get; init; }
    public IReadOnlyList<string> Compatible { get; init; } = Array.Empty<string>();
    public string? Driver { get; init; }
    public DeviceState State { get; init; }
    /// <summary>Negative errno of the last failed probe (failed devices) or of a probe that rejected the match (no-driver, see <see cref="RejectedBy"/>), else null.</summary>
    public int? Error { get; init; }
    /// <summary>The driver whose probe returned -ENODEV/-ENXIO ("rejects match", call_driver_probe) and left the device unbound, else null.</summary>
    public string? RejectedBy { get; init; }
    /// <summary>What the outcome rests on: the driver's complete plan, a partial plan, or the generic probe's guess.</summary>
    public OutcomeBasis Basis { get; init; }
    /// <summary>The driver whose probe decided the outcome (bound, or last tried), for the basis; null without one.</summary>
    public string? BasisDriver { get; init; }
    /// <summary>For a deferred device whose basis comes from a supplier it waits for (an unbound device-link supplier with a weaker basis): that supplier; else null.</summary>
    public string? BasisFrom { get; init; }
    /// <summary>A hardware fact the outcome needs and the device tree does not give (the basis is then guessed); else None.</summary>
    public BasisGap BasisGap { get; init; }
    /// <summary>deferred_probe_reason as devices_deferred shows it (without newline), or a model note for a deferral the kernel records no reason for.</summary>
    public string? DeferReason { get; init; }
    /// <summary>Why the device ended this way (what it waits for, why no driver took it, why it failed, why no device was made).</summary>
    public OutcomeNote? Note { get; init; }
    /// <summary>For a node that never became a device: why (also in <see cref="Note"/>).</summary>
    public ProbeSim.Kernel.Of.NoDeviceReason? NoDevice { get; init; }
    /// <summary>/sys/kernel/iommu_groups/N the device is in, or null.</summary>
    public int? IommuGroup { get; init; }
    /// <summary>Type of the group's current domain (identity, DMA, DMA-FQ, blocked, unmanaged), or null.</summary>
    public string? DomainType { get; init; }
    /// <summary>Whether its group's default domain type rests on a guess (a member's fact the machine's files do not give); None: modelled.</summary>
    public ProbeSim.Kernel.Iommu.IommuTypeGuess DomainTypeGuess { get; init; }
    /// <summary>The dma_map_ops the device ends with: iommu-dma, direct, swiotlb, arm, arm-iommu; null when DMA was never configured.</summary>
    public string? DmaOps { get; init; }
    /// <summary>dev->dma_coherent, or null when DMA was never configured.</summary>
    public bool? Coherent { get; init; }
    /// <summary>sysfs name of the IOMMU instance that probed the device (/sys/class/iommu/NAME).</summary>
    public string? Iommu { get; init; }
    /// <summary>Who owns the group's DMA: "kernel" (DMA-API users), "user:OWNER" (VFIO/iommufd claim), or null without a group.</summary>
    public string? DmaOwner { get; init; }
    /// <summary>iommu, identity, user, direct, no-iommu, blocked, broken or not-configured (Kernel.DmaOutcome).</summary>
    public string? Dma { get; init; }
    /// <summary>Why a device that asked for an IOMMU has none, or a DMA problem the model can see.</summary>
    public ProbeSim.Kernel.Dma.DmaNote? DmaNote { get; init; }
    /// <summary>The scripted DMA activity and its results.</summary>
    public IReadOnlyList<ProbeSim.Kernel.Dma.DmaEvent> DmaEvents { get; init; } = Array.Empty<ProbeSim.Kernel.Dma.DmaEvent>();
    /// <summary>How many times really_probe ran for this device.</summary>
    public int ProbeAttempts { get; init; }
    /// <summary>Simulated time (µs) at which the device bound, if it did.</summary>
    public long? BoundAtUs { get; init; }
    /// <summary>sysfs path of the device (/sys/devices/platform/...).</summary>
    public string? SysfsPath { get; init; }
    /// <summary>Its suppliers: the devices of its device links, then the nodes of its fwnode links that are no device yet.</summary>
    public IReadOnlyList<SupplierOutcome> Suppliers { get; init; } = Array.Empty<SupplierOutcome>();
    /// <summary>The user actions on this device that the kernel refused, in time order (also in <see cref="BootResult.Actions"/>).</summary>
    public IReadOnlyList<ActionOutcome> RefusedActions { get; init; } = Array.Empty<ActionOutcome>();
}

/// <summary>A device link as /sys/class/devlink shows it.</summary>
public sealed record DevlinkOutcome(string Name, string Supplier, string Consumer, string Status, bool SyncStateOnly, string AutoRemoveOn, bool Inferred);

/// <summary>One /sys/kernel/iommu_groups/N: its devices, default domain type (the "type" file) and current domain.</summary>
public sealed record IommuGroupOutcome(int Id, string Type, string? Domain, IReadOnlyList<string> Devices, string? Owner, int OwnerCount,
    IReadOnlyList<string> ReservedRegions, ProbeSim.Kernel.Iommu.IommuTypeGuess TypeGuess = ProbeSim.Kernel.Iommu.IommuTypeGuess.None);

/// <summary>One /sys/class/iommu/NAME: the IOMMU instance, its device and driver, the devices it probed.</summary>
public sealed record IommuOutcome(string Name, string Device, string Driver, IReadOnlyList<string> Devices, int? ContextBanks, int ContextBanksInUse);

/// <summary>The outcome of one simulated boot.</summary>
public sealed record BootResult
{
    public required string Board { get; init; }
    public required string Profile { get; init; }
    public required string Cmdline { get; init; }
    public required string DriverSet { get; init; }
    public IReadOnlyList<DeviceOutcome> Devices { get; init; } = Array.Empty<DeviceOutcome>();
    /// <summary>/sys/kernel/debug/devices_deferred lines (name, reason) or null when the profile's kernel has no such file.</summary>
    public IReadOnlyList<(string Device, string Reason)>? DevicesDeferred { get; init; }
    public IReadOnlyList<DevlinkOutcome> Devlinks { get; init; } = Array.Empty<DevlinkOutcome>();
    public IReadOnlyList<LogLine> Log { get; init; } = Array.Empty<LogLine>();
    public IReadOnlyList<NotifierEvent> Notifiers { get; init; } = Array.Empty<NotifierEvent>();
    /// <summary>Every failed really_probe's unwind steps, devres releases and leaks (docs/kernel/arm32-and-failure-origin.md).</summary>
    public IReadOnlyList<ProbeSim.Kernel.DriverCore.ProbeUnwind> Unwinds { get; init; } = Array.Empty<ProbeSim.Kernel.DriverCore.ProbeUnwind>();
    public IReadOnlyList<IommuGroupOutcome> IommuGroups { get; init; } = Array.Empty<IommuGroupOutcome>();
    public IReadOnlyList<IommuOutcome> Iommus { get; init; } = Array.Empty<IommuOutcome>();
    public IReadOnlyList<ActionOutcome> Actions { get; init; } = Array.Empty<ActionOutcome>();
    /// <summary>The kernel died (BUG/oops); the text of the first line, else null.</summary>
    public string? Crash { get; init; }
    /// <summary>Simulated time at which the simulation stopped (µs).</summary>
    public long EndTimeUs { get; init; }
    /// <summary>Simulated time late_initcall finished (the origin of scenario times and of --until T).</summary>
    public long LateInitcallUs { get; init; }
    /// <summary>When the boot was stopped early (--until), the simulated time of the state reported; null = ran to the end.</summary>
    public long? StoppedAtUs { get; init; }
    /// <summary>The kernel's state at the end (devices, fwnodes, groups, provider answers) as the checks and reports read it; null for a result not made by a boot.</summary>
    public ProbeSim.Kernel.Result.BootState? State { get; init; }
}
