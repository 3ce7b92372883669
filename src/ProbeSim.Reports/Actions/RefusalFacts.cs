using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Actions;

/// <summary>
/// A refusal flattened for machine readers (the JSON <c>reason</c>, the HTML payload): a kebab-case kind and the fields
/// the refusal has (null or empty otherwise).
/// </summary>
/// <param name="Kind"><c>group-not-viable</c>, <c>driver-does-not-match</c>, ... (docs/json.md lists them).</param>
/// <param name="Driver">The driver the refusal is about: the one named in the action, or the one the device is bound to.</param>
/// <param name="Error">The probe's errno (negative) for <c>probe-failed</c>.</param>
/// <param name="Devices">The group members the refusal names, with their drivers.</param>
public sealed record RefusalFacts(string Kind, int? Group, string? Driver, string? Owner, int? Error, IReadOnlyList<GroupMember> Devices)
{
    private static readonly IReadOnlyList<GroupMember> None = Array.Empty<GroupMember>();

    /// <summary>The facts of one refusal.</summary>
    public static RefusalFacts Of(ActionRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal switch
        {
            GroupNotViable g => new("group-not-viable", g.Group, null, null, null, g.Blockers),
            GroupOwnedByUser g => new("group-owned-by-user", g.Group, null, g.Owner, null, None),
            GroupNotOnDefaultDomain g => new("group-not-on-default-domain", g.Group, null, null, null, None),
            NoIommuGroup => new("no-iommu-group", null, null, null, null, None),
            NotAVfioDevice v => new("not-a-vfio-device", null, v.Driver, null, null, None),
            NoContainer c => new("no-container", c.Group, null, null, null, None),
            ContainerAlreadySet c => new("container-already-set", c.Group, null, null, null, None),
            NoIommufd => new("no-iommufd", null, null, null, null, None),
            NoSuchDevice => new("no-such-device", null, null, null, null, None),
            DriverNotRegistered d => new("driver-not-registered", null, d.Driver, null, null, None),
            DriverOnOtherBus d => new("driver-on-other-bus", null, d.Driver, null, null, None),
            DriverDoesNotMatch d => new("driver-does-not-match", null, d.Driver, null, null, None),
            AlreadyBound b => new("already-bound", null, b.Driver, null, null, None),
            ProbeFailed p => new("probe-failed", null, p.Driver, null, p.Error, None),
            ProbeDeferred p => new("probe-deferred", null, p.Driver, null, null, None),
            NotBound n => new("not-bound", null, n.BoundTo ?? n.Driver, null, null, None),
            GroupTypeNotWritable t => new("group-type-not-writable", t.Group, null, null, null, None),
            NoDefaultDomain n => new("no-default-domain", n.Group, null, null, null, None),
            UnknownGroupType => new("unknown-group-type", null, null, null, null, None),
            GroupHasSeveralDevices s => new("group-has-several-devices", s.Group, null, null, null, s.Members),
            DeviceStillBound s => new("device-still-bound", s.Group, s.Member.Driver, null, null, new[] { s.Member }),
            GroupInUse u => new("group-in-use", u.Group, null, u.Owner, null, u.Users),
            DomainAllocFailed => new("domain-alloc-failed", null, null, null, null, None),
            _ => new("other", null, null, null, null, refusal.Culprits),
        };
    }
}
