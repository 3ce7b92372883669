using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    /// <summary>The end state of every device, then every node with a compatible that never became a device.</summary>
    public BootResult BuildResult()
    {
        var outcomes = new List<DeviceOutcome>(DriverCore.Devices.Count + 16);
        foreach (var dev in DriverCore.Devices) outcomes.Add(Outcome(dev));
        InheritSupplierBasis(outcomes);
        NotPresent(Tree.Root, outcomes);
        return new BootResult
        {
            Board = Board,
            Profile = Profile.ToString(),
            Cmdline = CommandLine.Text,
            DriverSet = DriverSet.Name,
            Devices = outcomes,
            DevicesDeferred = S.DevicesDeferredFile ? DriverCore.DeferredPending.Select(d => (d.Name, d.DeferReason ?? "")).ToList() : null,
            Devlinks = DriverCore.DeviceLinks.Select(l => new DevlinkOutcome(DriverCore.DevlinkName(l), l.Supplier.Name, l.Consumer.Name, l.StatusText,
                l.SyncStateOnly, "consumer unbind", (l.Flags & DlFlags.Inferred) != 0)).ToList(),
            Log = _log,
            Notifiers = _notifiers,
            Unwinds = DriverCore.Unwinds,
            IommuGroups = IommuGroups.Select(g => new IommuGroupOutcome(g.Id,
                g.DefaultDomain is { } dd ? IommuDomainTypes.SysfsName(dd.Type) : "unknown",
                g.Domain is { } cd ? IommuDomainTypes.SysfsName(cd.Type) : null,
                g.Devices.Select(d => d.Name).ToList(), g.Owner, g.OwnerCount, ReservedRegions(g), TypeGuess(g))).ToList(),
            Iommus = Iommus.Select(i => new IommuOutcome(i.SysfsName, i.Device.Name, i.DriverName, i.Clients.Select(c => c.Name).ToList(),
                i.Traits.ContextBanks, i.ContextBanksInUse)).ToList(),
            Actions = _actionResults,
            Crash = _crash,
            EndTimeUs = NowUs,
            LateInitcallUs = LateInitcallUs,
            StoppedAtUs = StopUs,
            State = Publish().Complete(),
        };
    }

    // iommu_get_group_resv_regions: arm-smmu and arm-smmu-v3 report the software MSI window (MSI_IOVA_BASE, 1 MiB)
    private static IReadOnlyList<string> ReservedRegions(IommuGroup g) =>
        g.Devices.FirstOrDefault()?.Iommu.Instance?.Firmware is { } fw
            ? ReservedRegionMerge.Merge(g.Devices.SelectMany(fw.ReservedRegions)).Select(r => r.ToString()).ToList()
            : g.Instance?.Traits.Kind is IommuKind.ArmSmmu or IommuKind.ArmSmmuV3
            ? new[] { "0x0000000008000000 0x00000000080fffff msi" }
            : Array.Empty<string>();

    // iommu_get_default_domain_type asks every member: a member whose preference the files do not settle makes the type a guess
    private static IommuTypeGuess TypeGuess(IommuGroup g)
    {
        foreach (var dev in g.Devices)
            if (dev.Iommu.Instance?.Firmware?.TypeGuess(dev) is { } guess and not IommuTypeGuess.None) return guess;
        return IommuTypeGuess.None;
    }

    public DeviceState StateOf(Device dev)
    {
        if (dev.Bound) return DeviceState.Bound;
        if (dev.Deferred != DeferList.None || dev.LastProbeDeferred) return DeviceState.Deferred;
        // call_driver_probe: a probe that rejects the match (-ENODEV/-ENXIO) leaves the device without a driver
        if (dev.LastError is not null && dev.RejectedBy is null) return DeviceState.Failed;
        return DeviceState.NoDriver;
    }

    private DeviceOutcome Outcome(Device dev)
    {
        var state = StateOf(dev);
        var dmaOutcome = DmaOutcome(dev);
        // amba_match: an AMBA device no driver took may be one an id-matched driver takes on the real board
        var gap = state == DeviceState.NoDriver && DriverCore.PeriphidFromHardware(dev) ? BasisGap.AmbaPeriphidFromHardware
            : state == DeviceState.NoDriver && X86 is not null && dev.Pci is { ShpcCapable: true } ? BasisGap.AcpiHotplugControl
            : BasisGap.None;
        OutcomeNote? note = state switch
        {
            DeviceState.Deferred => dev.Wait is { } wait ? new OutcomeNote.Waiting(wait) : null,
            DeviceState.NoDriver when dev.RejectedBy is { } rj => new OutcomeNote.RejectsMatch(rj.Driver, rj.Errno),
            DeviceState.NoDriver when gap == BasisGap.AmbaPeriphidFromHardware => new OutcomeNote.AmbaPeriphidUnknown(),
            DeviceState.NoDriver when gap == BasisGap.AcpiHotplugControl => new OutcomeNote.ShpcTakenAsFailing(),
            DeviceState.NoDriver => HasModuleFor(dev) ? new OutcomeNote.ModuleNotLoaded() : new OutcomeNote.NoMatchingDriver(),
            // a core step (pinctrl, dma_configure) failed before the driver's probe: say which
            DeviceState.Failed when dev.LastFailure is { Step: not ProbeFailureStep.DriverProbe } f => new OutcomeNote.ProbeFailed(f),
            DeviceState.Failed => dev.LastError is int e ? new OutcomeNote.ProbeFailedWith(e) : null,
            _ => null,
        };
        var (basis, basisDriver) = BasisOf(dev, state);
        // a driver from an alias table whose probe was not read (x86 PCI modules): its binding is taken on trust
        if (gap == BasisGap.None && (dev.Bound ? dev.Driver : dev.LastProbeDriver)?.Spec is { ProbeUnread: true } unread)
            gap = unread.NameGuessed ? BasisGap.ProbeUnreadNameGuessed : BasisGap.ProbeUnread;
        if (gap != BasisGap.None) basis = OutcomeBasis.Guessed;
        var suppliers = dev.SupplierLinks.Select(SupplierOutcome (l) => new SupplierOutcome.Device(l.Supplier.Name)).ToList();
        if (dev.Node is not null && DriverCore.FwIfAny(dev.Node) is { } fw)
            suppliers.AddRange(fw.Suppliers.Select(l => new SupplierOutcome.Fwnode(l.Supplier.Node.Path)));
        return new DeviceOutcome
        {
            Name = dev.Name,
            Bus = dev.Bus.Name,
            OfNode = dev.Node?.Path,
            Compatible = dev.Node?.Compatible ?? (IReadOnlyList<string>)Array.Empty<string>(),
            Driver = dev.Bound ? dev.Driver?.Name : null,
            State = state,
            Error = state == DeviceState.Failed || dev.RejectedBy is not null && state == DeviceState.NoDriver ? dev.LastError : null,
            DeferReason = state == DeviceState.Deferred ? dev.DeferReason : null,
            Note = note,
            RejectedBy = state == DeviceState.NoDriver ? dev.RejectedBy?.Driver : null,
            Basis = basis,
            BasisGap = gap,
            BasisDriver = basisDriver,
            ProbeAttempts = dev.ProbeAttempts,
            BoundAtUs = dev.BoundAtUs,
            SysfsPath = dev.SysfsPath,
            Suppliers = suppliers,
            IommuGroup = dev.Iommu.Group?.Id,
            DomainType = dev.Iommu.Group?.Domain is { } dom ? IommuDomainTypes.SysfsName(dom.Type) : null,
            DomainTypeGuess = dev.Iommu.Group is { } tg ? TypeGuess(tg) : IommuTypeGuess.None,
            DmaOps = DmaOpsName(dev.Dma.Ops),
            Coherent = dev.Dma.Ops == Dma.DmaOpsKind.None ? null : dev.Dma.Coherent,
            Iommu = dev.Iommu.Instance?.SysfsName,
            DmaOwner = dev.Iommu.Group is { } grp ? (grp.Owner is { } o ? "user:" + o : "kernel") : null,
            Dma = dmaOutcome,
            DmaNote = DmaProblem(dev, dmaOutcome)
                ?? (WantsIommu(dev) && dev.Iommu.Group is null && dev.Dma.NoIommuReason is { } rule ? new Dma.DmaNote.NoIommu(rule) : null),
            DmaEvents = dev.Dma.Events.ToList(),
            RefusedActions = _actionResults.Where(a => a.Refused && a.Device == dev.Name).ToList(),
        };
    }

    // the basis of an outcome: the probe of the driver that decided it (bound, or last tried); no driver, no probe question
    private static (OutcomeBasis, string?) BasisOf(Device dev, DeviceState state)
    {
        var drv = dev.Bound ? dev.Driver : dev.LastProbeDriver;
        if (drv is null || state == DeviceState.NoDriver && dev.RejectedBy is null) return (OutcomeBasis.Modelled, null);
        return (BasisOf(drv.Spec, dev.PlanHadUnknown), drv.Name);
    }

    // a deferral rests on what it waits for: a deferred device takes the weakest basis of its unbound device-link suppliers
    private void InheritSupplierBasis(List<DeviceOutcome> outcomes)
    {
        var index = new Dictionary<Device, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < DriverCore.Devices.Count; i++) index[DriverCore.Devices[i]] = i;
        // a basis only weakens, at most twice per device, so this ends
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int i = 0; i < DriverCore.Devices.Count; i++)
            {
                var o = outcomes[i];
                if (o.State != DeviceState.Deferred || o.Basis == OutcomeBasis.Guessed) continue;
                foreach (var link in DriverCore.Devices[i].SupplierLinks)
                {
                    if (link.Supplier.Bound || !index.TryGetValue(link.Supplier, out var j) || outcomes[j].Basis <= o.Basis) continue;
                    o = o with { Basis = outcomes[j].Basis, BasisFrom = link.Supplier.Name };
                    changed = true;
                }
                outcomes[i] = o;
            }
        }
    }

    /// <summary>A driver's basis: its plan (complete or not), a script that asks for nothing, or the generic probe's guess.</summary>
    public static OutcomeBasis BasisOf(DriverSpec spec, bool unknownReached = false)
    {
        if (spec.Plan is { } plan)
            return plan.Complete && !unknownReached && !plan.Steps.Any(s => s.Kind == Drivers.Imported.PlanStepKind.Unknown)
                ? OutcomeBasis.Modelled : OutcomeBasis.Partial;
        return spec.Probe is { RequestResources: false } && !spec.ProbeUnread ? OutcomeBasis.Modelled : OutcomeBasis.Guessed;
    }

    private void NotPresent(DtNode node, List<DeviceOutcome> outcomes)
    {
        foreach (var child in node.Children)
        {
            if (child.HasProperty("compatible") && DriverCore.FwIfAny(child)?.Dev is null)
            {
                var why = NoDeviceReasonOf(child);
                outcomes.Add(new DeviceOutcome
                {
                    Name = child.Name,
                    OfNode = child.Path,
                    Compatible = child.Compatible,
                    State = DeviceState.NotPresent,
                    NoDevice = why,
                    Note = new OutcomeNote.NoDevice(why),
                });
            }
            NotPresent(child, outcomes);
        }
    }

    /// <summary>Why the OF core (or a parent's driver) created no device for this node.</summary>
    public Of.NoDeviceReason NoDeviceReasonOf(DtNode node)
    {
        // of_platform_bus_create: an early table's OF_POPULATED flag, then of_device_is_available
        if (OfPlatform.EarlyEntryOf(node) is { } e && e.Table is EarlyTable.Clk or EarlyTable.Irqchip)
            return new Of.NoDeviceReason.SetUpEarly(e.Table, e.Compatible);
        if (!node.IsAvailable) return new Of.NoDeviceReason.Disabled(node.Status ?? "");
        if (OfPlatform.DuplicateNameOf(node) is { } dup) return new Of.NoDeviceReason.DuplicateName(dup);
        if (!node.HasProperty("compatible")) return new Of.NoDeviceReason.NoCompatible();
        for (var p = node.Parent; p is not null; p = p.Parent)
        {
            if (!p.IsAvailable) return new Of.NoDeviceReason.UnderDisabled(p.Path);
            if (p.Parent is null) break;
            if (DriverCore.FwIfAny(p)?.Dev is { } pd)
            {
                if (pd.Bus == Amba) return new Of.NoDeviceReason.AmbaChild(pd.Name);
                if (p.BaseName is "i2c" or "spi") return new Of.NoDeviceReason.BusClient(p.BaseName, pd.Name, pd.Bound);
                return new Of.NoDeviceReason.LeftToParentDriver(pd.Name);
            }
            if (!p.HasProperty("compatible")) return new Of.NoDeviceReason.ParentWithoutCompatible(p.Path);
        }
        return new Of.NoDeviceReason.NotPopulated();
    }
}
