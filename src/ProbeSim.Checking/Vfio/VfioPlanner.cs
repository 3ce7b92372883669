using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Vfio;

/// <summary>
/// Builds a <see cref="VfioPlan"/> from a boot's published state. Viability is the kernel model's own decision
/// (<see cref="BootState.ViabilityOf"/>); this class only orders the sysfs writes and applies the tool's safety judgement.
/// The group comes from the board's IOMMU model, whatever made it (a DT board today; an ACPI machine plugs in the same way).
/// </summary>
public static class VfioPlanner
{
    /// <summary>The plan for DEVICE (name, DT path or label, as for explain); <see cref="ArgumentException"/> when nothing matches.</summary>
    public static VfioPlan Plan(BootResult result, string device)
    {
        var state = Explainer.StateOf(result);
        var outcome = DeviceQuery.Find(state.Tree, result, device, "vfio plan");
        if (outcome.State == DeviceState.NotPresent || state.FindDevice(outcome.Name) is not { } dev)
            throw new ArgumentException($"vfio plan: {outcome.Name} is not present on {result.Board}, so there is nothing to hand to VFIO");
        return Of(state, dev);
    }

    /// <summary>As <see cref="Plan(BootResult, string)"/>, for a kernel and the result it built.</summary>
    public static VfioPlan Plan(ProbeSim.Kernel.Boot.Kernel kernel, BootResult result, string device) =>
        Plan(result.State is null ? result with { State = kernel.Publish() } : result, device);

    /// <summary>The plan for one device of a boot's published state.</summary>
    public static VfioPlan Of(BootState state, DeviceRecord dev)
    {
        var bus = dev.Bus;
        var vfio = VfioDriverOf(bus);
        var plan = new VfioPlan { Device = dev.Name, Bus = bus, VfioDriver = vfio };
        if (dev.Iommu.Group is not int groupId || state.GroupOf(groupId) is not { } group)
        {
            // of_iommu_configure never ran for a device no driver probed: its group is not known yet
            VfioRefusal why = !dev.Bound && dev.Iommu.OfIommuRule is null && vfio is not null
                ? new NotProbedYet([new SetDriverOverride(bus, dev.Name, vfio), new ProbeDrivers(bus, dev.Name)])
                : new NoIommuGroupForVfio();
            return plan with { Refusals = [why] };
        }
        var viability = state.ViabilityOf(group.Id);
        var groupDevices = group.DeviceIds.Select(id => state.DeviceById(id)!).ToList();
        var members = groupDevices.Zip(viability.Members, (d, m) => Member(d, m, d.Id == dev.Id)).ToList();
        plan = plan with { Group = new VfioPlanGroup(group.Id, group.DefaultDomain), Viability = viability, Members = members };
        var refusals = new List<VfioRefusal>();
        if (vfio is null) refusals.Add(new NoVfioDriver(bus));
        if (dev.Pci?.IsBridge ?? false) refusals.Add(new NotNormalHeader(dev.Name));
        // the whole group attaches to the container's domain: a member with a direct (non-relaxable) region cannot
        foreach (var d in groupDevices)
            foreach (var r in state.ReservedRegionsOf(d))
                if (r.Type == ReservedRegionType.Direct) refusals.Add(new RmrrLocked(d.Name, r.Start, r.End));
        foreach (var (d, m) in groupDevices.Zip(members))
            if (!m.IsTarget && m.Step is VfioMemberStep.ToVfio or VfioMemberStep.ToPciStub && Hazard(d) is { } h)
                refusals.Add(new UnsafeGroupMate(d.Name, m.Driver!, d.Pci!.ClassCode, h));
        if (refusals.Count > 0) return plan with { Refusals = refusals };
        // group-mates first, in group order, then the device itself
        var steps = new List<VfioPlanStep>();
        foreach (var m in members.Where(m => !m.IsTarget).Append(members.Single(m => m.IsTarget)))
        {
            var to = m.Step switch { VfioMemberStep.ToVfio => vfio, VfioMemberStep.ToPciStub => "pci-stub", _ => null };
            if (to is null) continue;
            steps.Add(new SetDriverOverride(bus, m.Device, to));
            if (m.Driver is { } drv) steps.Add(new UnbindDriver(bus, m.Device, drv));
            steps.Add(new ProbeDrivers(bus, m.Device));
        }
        return plan with { Steps = steps };
    }

    // the VFIO bus drivers the model has (Kernel.ImplicitDriverNames)
    private static string? VfioDriverOf(string bus) => bus switch { "pci" => "vfio-pci", "platform" => "vfio-platform", _ => null };

    private static VfioPlanMember Member(DeviceRecord d, VfioGroupMember m, bool target)
    {
        bool bridge = d.Pci?.IsBridge ?? false;
        var step = m.Use == VfioMemberUse.VfioDriver ? (target ? VfioMemberStep.AlreadyVfio : VfioMemberStep.None)
            : target ? VfioMemberStep.ToVfio
            : !m.Blocks ? VfioMemberStep.None
            : bridge ? VfioMemberStep.ToPciStub
            : VfioMemberStep.ToVfio;
        return new(d.Name, m.Driver, d.Pci?.ClassCode, bridge, d.Pci?.Kind == PciDeviceKind.HostBridge, target, m.Use, step);
    }

    // the tool's judgement: a group-mate the host may depend on, taken from its kernel driver
    private static VfioHazard? Hazard(DeviceRecord d) => d.Pci is not { } pci ? null : (pci.ClassCode >> 16, pci.Kind) switch
    {
        (_, PciDeviceKind.HostBridge) => VfioHazard.HostBridge,
        (0x03, _) => VfioHazard.DisplayInUse,
        (0x01, _) => VfioHazard.StorageInUse,
        _ => null,
    };
}
