using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Checking.Vfio;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>
/// Builds a <see cref="VfioPlan"/> from a booted kernel. Viability is the kernel model's own decision
/// (<see cref="Kernel.VfioViability"/>); this class only orders the sysfs writes and applies the tool's safety judgement.
/// The group comes from the board's IOMMU model, whatever made it (a DT board today; an ACPI machine plugs in the same way).
/// </summary>
public static class VfioPlanner
{
    /// <summary>The plan for DEVICE (name, DT path or label, as for explain); <see cref="ArgumentException"/> when nothing matches.</summary>
    public static VfioPlan Plan(Kernel kernel, BootResult result, string device)
    {
        var outcome = DeviceQuery.Find(kernel, result, device, "vfio plan");
        if (outcome.State == DeviceState.NotPresent || kernel.FindDevice(outcome.Name) is not { } dev)
            throw new ArgumentException($"vfio plan: {outcome.Name} is not present on {result.Board}, so there is nothing to hand to VFIO");
        return Of(kernel, dev);
    }

    /// <summary>The plan for one device of a booted kernel.</summary>
    public static VfioPlan Of(Kernel kernel, Device dev)
    {
        var bus = dev.Bus.Name;
        var vfio = VfioDriverOf(bus);
        var plan = new VfioPlan { Device = dev.Name, Bus = bus, VfioDriver = vfio };
        if (dev.Iommu.Group is not { } group)
        {
            // of_iommu_configure never ran for a device no driver probed: its group is not known yet
            VfioRefusal why = !dev.Bound && dev.Iommu.OfIommuRule is null && vfio is not null
                ? new NotProbedYet([new SetDriverOverride(bus, dev.Name, vfio), new ProbeDrivers(bus, dev.Name)])
                : new NoIommuGroupForVfio();
            return plan with { Refusals = [why] };
        }
        var viability = kernel.VfioViability(group);
        var members = group.Devices.Zip(viability.Members, (d, m) => Member(d, m, d == dev)).ToList();
        plan = plan with { Group = new VfioPlanGroup(group.Id, group.DefaultDomain?.Type), Viability = viability, Members = members };
        var refusals = new List<VfioRefusal>();
        if (vfio is null) refusals.Add(new NoVfioDriver(bus));
        if (dev.Pci?.IsBridge ?? false) refusals.Add(new NotNormalHeader(dev.Name));
        // the whole group attaches to the container's domain: a member with a direct (non-relaxable) region cannot
        foreach (var d in group.Devices)
            foreach (var r in kernel.ReservedRegions(d))
                if (r.Type == ReservedRegionType.Direct) refusals.Add(new RmrrLocked(d.Name, r.Start, r.End));
        foreach (var (d, m) in group.Devices.Zip(members))
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

    private static VfioPlanMember Member(Device d, VfioGroupMember m, bool target)
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
    private static VfioHazard? Hazard(Device d) => d.Pci is not { } pci ? null : (pci.ClassCode >> 16, pci.Kind) switch
    {
        (_, PciDeviceKind.HostBridge) => VfioHazard.HostBridge,
        (0x03, _) => VfioHazard.DisplayInUse,
        (0x01, _) => VfioHazard.StorageInUse,
        _ => null,
    };
}
