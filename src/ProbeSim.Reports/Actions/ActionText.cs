using System.Globalization;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Reports.Actions;

/// <summary>The words for a user action's outcome (<see cref="ActionOutcome"/>): the JSON <c>action</c> string, the errno, the reason.</summary>
public static class ActionText
{
    /// <summary>The scenario verb: <c>vfio-set-container</c>, <c>bind</c>, ...</summary>
    public static string Verb(UserActionKind kind) => kind switch
    {
        UserActionKind.LoadModule => "load-module",
        UserActionKind.Bind => "bind",
        UserActionKind.Unbind => "unbind",
        UserActionKind.DriverOverride => "driver-override",
        UserActionKind.GroupType => "iommu-group-type",
        UserActionKind.VfioSetContainer => "vfio-set-container",
        UserActionKind.VfioUnsetContainer => "vfio-unset-container",
        UserActionKind.VfioOpenDevice => "vfio-open-device",
        UserActionKind.IommufdBind => "iommufd-bind",
        UserActionKind.IommufdUnbind => "iommufd-unbind",
        UserActionKind.AttachDevice => "iommu-attach-device",
        UserActionKind.AttachGroup => "iommu-attach-group",
        UserActionKind.DetachGroup => "iommu-detach-group",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown user action"),
    };

    /// <summary>
    /// The action as the JSON <c>action</c> field has always read: the verb, the target as the scenario wrote it, and the
    /// driver, type or domain (<c>bind 0000:01:00.0 e1000e</c>, <c>vfio-set-container 0000:01:00.1</c>, <c>driver-override DEV (clear)</c>).
    /// </summary>
    public static string Describe(ActionOutcome a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Kind switch
        {
            UserActionKind.Unbind => $"unbind {a.Target}",
            UserActionKind.DriverOverride => $"driver-override {a.Target} {a.Argument ?? "(clear)"}",
            UserActionKind.LoadModule => $"load-module {a.Target}",
            _ => $"{Verb(a.Kind)} {a.Target}{(a.Argument is null ? "" : " " + a.Argument)}",
        };
    }

    /// <summary>The errno as the kernel source names it, <c>EPERM</c> for -1; null for 0.</summary>
    public static string? ErrnoName(int result) => result == 0 ? null : Errno.Name(result);

    /// <summary><c>-1 EPERM</c> (<c>-4000</c> when the number has no name).</summary>
    public static string ErrnoText(int result)
    {
        var number = result.ToString(CultureInfo.InvariantCulture);
        return Errno.IsKnown(result) ? $"{number} {Errno.Name(result)}" : number;
    }

    /// <summary>
    /// One line for a refused action, without the device it was done on: the verb, when, the errno and why
    /// (<c>vfio-set-container at 2.000000 s: -1 EPERM, group 1 is not viable: ...</c>).
    /// </summary>
    public static string Refused(ActionOutcome a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var why = a.Refusal is { } r ? ", " + Reason(r) : "";
        return $"{Verb(a.Kind)}{Detail(a)} at {SimTime.Seconds(a.TimeUs)} s: {ErrnoText(a.Result)}{why}";
    }

    // bind/unbind name the driver, the IOMMU verbs the type or domain
    private static string Detail(ActionOutcome a) => a.Kind switch
    {
        UserActionKind.Bind or UserActionKind.Unbind or UserActionKind.DriverOverride when a.Argument is not null => " " + a.Argument,
        UserActionKind.GroupType or UserActionKind.AttachDevice or UserActionKind.AttachGroup or UserActionKind.DetachGroup => " " + a.Argument,
        _ => "",
    };

    /// <summary>Why the kernel refused, in one clause (<c>group 1 is not viable: 0000:01:00.0 is bound to e1000e, a kernel DMA-API driver</c>).</summary>
    public static string Reason(ActionRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal switch
        {
            GroupNotViable g => $"group {g.Group} is not viable" + (g.Blockers.Count == 0 ? "" : ": " + BoundList(g.Blockers)),
            GroupOwnedByUser g => $"group {g.Group} is owned by user space ({g.Owner})",
            GroupNotOnDefaultDomain g => $"group {g.Group} is not on its default domain" + (g.Domain is { } d ? $" (it is on a {d} domain)" : ""),
            NoIommuGroup => "the device has no IOMMU group",
            NotAVfioDevice v => "the device is not bound to a VFIO driver" + (v.Driver is { } d ? $" (it is bound to {d})" : " (it has no driver)"),
            NoContainer c => $"group {c.Group} has no VFIO container (VFIO_GROUP_SET_CONTAINER comes first)",
            ContainerAlreadySet c => $"group {c.Group} already has a VFIO container",
            NoIommufd => "this kernel has no iommufd VFIO device interface (v6.2+)",
            NoSuchDevice => "no such device",
            DriverNotRegistered d => $"driver {d.Driver} is not registered (its module is not loaded)",
            DriverOnOtherBus d => $"driver {d.Driver} is on the {d.DriverBus} bus and the device is not",
            DriverDoesNotMatch d => $"driver {d.Driver} does not match the device",
            AlreadyBound b => $"the device is already bound to {b.Driver}",
            ProbeFailed p => $"{p.Driver}'s probe failed with {ErrnoText(p.Error)}",
            ProbeDeferred p => $"{p.Driver}'s probe deferred" + (p.Reason is { Length: > 0 } r ? $": {r}" : ""),
            NotBound { Driver: null } => "the device has no driver",
            NotBound { BoundTo: { } bound } n => $"the device is bound to {bound}, not {n.Driver}",
            NotBound n => $"the device is not bound to {n.Driver}",
            GroupTypeNotWritable t => $"/sys/kernel/iommu_groups/{t.Group}/type cannot be written in this kernel",
            NoDefaultDomain n => $"group {n.Group} has no default domain",
            UnknownGroupType t => $"this kernel has no {t.Type} default domain for the group",
            GroupHasSeveralDevices s => $"group {s.Group} has {s.Members.Count} devices: {string.Join(", ", s.Members.Select(m => m.Device))}",
            DeviceStillBound s => $"{s.Member.Device} is still bound to {s.Member.Driver}",
            GroupInUse { Owner: { } owner } u => $"group {u.Group} is owned by user space ({owner})",
            GroupInUse { Users.Count: > 0 } u => $"group {u.Group} is in use: {BoundList(u.Users)}",
            GroupInUse u => $"group {u.Group} has no devices",
            DomainAllocFailed => "the IOMMU driver could not allocate the domain",
            _ => "the kernel refused it",
        };
    }

    /// <summary>What would let the action through, where that is plain; else null.</summary>
    public static string? Remedy(ActionRefusal refusal) => refusal switch
    {
        GroupNotViable { Blockers.Count: > 0 } g => $"unbind {string.Join(", ", g.Blockers.Select(b => b.Device))}, or bind "
            + (g.Blockers.Count == 1 ? "it" : "each") + " to vfio-pci or pci-stub, then try again",
        NoContainer => "VFIO_GROUP_SET_CONTAINER (vfio-set-container) on the group first",
        NotAVfioDevice => "driver-override the device to vfio-pci (or vfio-platform) and bind it",
        DriverNotRegistered => "load the driver's module (load-module) first",
        _ => null,
    };

    /// <summary><c>0000:01:00.0 is bound to e1000e, a kernel DMA-API driver</c>, or for several <c>a (drv), b (drv) are bound to kernel DMA-API drivers</c>.</summary>
    public static string BoundList(IReadOnlyList<GroupMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 1)
            return $"{members[0].Device} is bound to {members[0].Driver ?? "no driver"}, a kernel DMA-API driver";
        return string.Join(", ", members.Select(m => $"{m.Device} ({m.Driver ?? "no driver"})")) + " are bound to kernel DMA-API drivers";
    }
}
