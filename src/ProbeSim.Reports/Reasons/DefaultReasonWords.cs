using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Providers;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Of;

using Unbound = ProbeSim.Kernel.Providers.ProviderUnbound;
using Note = ProbeSim.Kernel.Boot.OutcomeNote;

namespace ProbeSim.Reports.Reasons;

/// <summary>
/// The model's words for its reasons (<see cref="IReasonWords"/>): the driver core's and the OF core's here, the IOMMU's,
/// the explanations' and the corpus diff's in the other parts. Every nested reason is worded through the virtual
/// methods, so a derived class that rewords one reason rewords it wherever it appears.
/// </summary>
public partial class DefaultReasonWords : IReasonWords
{
    public virtual string Wait(WaitReason why) => why switch
    {
        IommuNotRegisteredWait w => w.CheckState
            ? $"of_iommu_configure: IOMMU {DtPath(w.IommuPath)} not registered (driver_deferred_probe_check_state)"
            : $"of_iommu_configure: IOMMU {DtPath(w.IommuPath)} not registered yet",
        ScriptDefersWait => "the probe script defers",
        InjectedFaultWait w => $"injected fault: probe returns -{Errno.Name(w.Errno)} at attempt {w.Attempt}",
        ProviderWait w => $"{w.Resource}: {w.Role} {Provider(w.Provider)}",
        AmbaClockWait w => w.Unavailable
            ? "amba: apb_pclk unavailable, periphid cannot be read"
            : "amba: apb_pclk provider not registered, periphid cannot be read",
        FwnodeLinkWait w => $"fwnode link to {DtPath(w.SupplierPath)} ({w.Property}) not yet a device link",
        DeviceLinkWait w => $"device link to {w.Supplier} ({DeviceLink.StatusTextOf(w.Status)})",
        _ => why.ToString(),
    };

    public virtual string Provider(ProviderReason why) => why switch
    {
        ProviderRegisteredEarly r => $"registered early by {r.By} ({r.Compatible})",
        ProviderRegisteredBy r => r.ForSubnode ? $"registered by {r.Device} ({r.Driver}) for its subnode" : $"registered by {r.Device} ({r.Driver})",
        ProviderNotBound r => $"{r.Device} is not bound: {ProviderUnbound(r.Unbound)}",
        ProviderWithoutDevice r => $"{DtPath(r.NodePath)} has no device: {NoDevice(r.Why)}",
        _ => why.ToString(),
    };

    public virtual string ProviderUnbound(ProviderUnbound why) => why switch
    {
        Unbound.Deferred => "its probe is deferred",
        Unbound.RejectsMatch r => $"its driver {r.Driver} rejects match ({r.Errno})",
        Unbound.ProbeFailed r => $"its probe failed ({r.Errno})",
        Unbound.ModuleNotLoaded => "its driver is a module not loaded yet",
        Unbound.NoDriver => "no driver matches it",
        Unbound.NotProbed => "not probed yet",
        _ => why.ToString(),
    };

    public virtual string NoDevice(NoDeviceReason why) => why switch
    {
        NoDeviceReason.SetUpEarly e => $"set up early by {ProbeSim.Kernel.Result.KernelNames.EarlyTable(e.Table)} ({e.Compatible}); no device",
        NoDeviceReason.Disabled d => $"status = \"{d.Status}\"",
        NoDeviceReason.DuplicateName n => $"device name {n.Name} already taken",
        NoDeviceReason.NoCompatible => "no compatible",
        NoDeviceReason.UnderDisabled u => $"under disabled {DtPath(u.AncestorPath)}",
        NoDeviceReason.AmbaChild a => $"child of AMBA device {a.Parent}: never populated",
        NoDeviceReason.BusClient { ControllerBound: true } => "no reg or not created by the adapter",
        NoDeviceReason.BusClient b => $"{b.Bus} controller {b.Controller} is not bound",
        NoDeviceReason.LeftToParentDriver l => $"child of {l.Parent}: left to its driver",
        NoDeviceReason.ParentWithoutCompatible p => $"parent {DtPath(p.ParentPath)} has no compatible: not populated",
        _ => "not populated",
    };

    // which really_probe step failed, so that a core-step failure is not called the driver's
    public virtual string ProbeFailure(ProbeFailure failure)
    {
        var f = failure;
        var err = $"{f.Errno} ({Errno.Name(f.Errno)})";
        return f.Step switch
        {
            ProbeFailureStep.DmaConfigure when f.OwnedGroup is { } g =>
                $"dma_configure failed with {err}: iommu_device_use_default_domain found IOMMU group {g} owned by {f.GroupOwner}; {f.Driver}'s probe never ran",
            ProbeFailureStep.DmaConfigure => $"dma_configure failed with {err}; {f.Driver}'s probe never ran",
            ProbeFailureStep.PinctrlBindPins => $"pinctrl_bind_pins failed with {err}; {f.Driver}'s probe never ran",
            _ => $"probe with driver {f.Driver} failed with error {err}",
        };
    }

    public virtual string OutcomeNote(OutcomeNote note) => note switch
    {
        Note.Waiting w => Wait(w.Wait),
        Note.RejectsMatch r => $"probe with driver {r.Driver} rejects match {r.Errno} ({Errno.Name(r.Errno)})",
        Note.AmbaPeriphidUnknown => "no AMBA driver took it: its periphid is read from its registers, which the model does not have",
        Note.ShpcTakenAsFailing => "shpchp is taken as failing: the firmware's SHPC grant and hotplug slot names are not in the machine's files",
        Note.ModuleNotLoaded => "a module matches but was never loaded",
        Note.NoMatchingDriver => "no driver in this driver set matches",
        Note.ProbeFailed f => ProbeFailure(f.Failure),
        Note.ProbeFailedWith f => $"probe failed with {f.Errno} ({Errno.Name(f.Errno)})",
        Note.NoDevice n => NoDevice(n.Reason),
        _ => note.ToString(),
    };
}
