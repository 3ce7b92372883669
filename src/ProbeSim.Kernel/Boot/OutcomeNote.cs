using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// Why a device ended as it did (<see cref="DeviceOutcome.Note"/>), as the values the model saw. Checks switch on the
/// type; the words are made in ProbeSim.Reports.
/// </summary>
public abstract record OutcomeNote
{
    /// <summary>A deferred device: what it waits for.</summary>
    public sealed record Waiting(WaitReason Wait) : OutcomeNote;

    /// <summary>call_driver_probe: the driver's probe returned -ENODEV/-ENXIO and the device stays without a driver.</summary>
    public sealed record RejectsMatch(string Driver, int Errno) : OutcomeNote;

    /// <summary>An AMBA device no driver took: its periphid is read from its registers, which the model does not have.</summary>
    public sealed record AmbaPeriphidUnknown : OutcomeNote;

    /// <summary>shpchp is taken as failing: the firmware's SHPC grant and hotplug slot names are not in the machine's files.</summary>
    public sealed record ShpcTakenAsFailing : OutcomeNote;

    /// <summary>A module matches the device but was never loaded.</summary>
    public sealed record ModuleNotLoaded : OutcomeNote;

    /// <summary>No driver of the driver set matches.</summary>
    public sealed record NoMatchingDriver : OutcomeNote;

    /// <summary>A really_probe step failed: the driver's probe, or a core step before it (pinctrl, dma_configure).</summary>
    public sealed record ProbeFailed(ProbeFailure Failure) : OutcomeNote;

    /// <summary>The last probe failed with this errno and the model has no step for it.</summary>
    public sealed record ProbeFailedWith(int Errno) : OutcomeNote;

    /// <summary>A node that never became a device.</summary>
    public sealed record NoDevice(ProbeSim.Kernel.Of.NoDeviceReason Reason) : OutcomeNote;
}
