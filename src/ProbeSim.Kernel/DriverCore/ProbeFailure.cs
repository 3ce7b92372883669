namespace ProbeSim.Kernel.DriverCore;

/// <summary>The really_probe step a failed probe attempt stopped at.</summary>
public enum ProbeFailureStep { PinctrlBindPins, DmaConfigure, DriverProbe }

/// <summary>
/// Why the last probe attempt failed: the step, its negative errno and, for a v5.19+ dma_configure -EBUSY from
/// iommu_device_use_default_domain, the IOMMU group user space owns (the driver's probe never ran).
/// </summary>
public sealed record ProbeFailure(string Driver, int Errno, ProbeFailureStep Step, int? OwnedGroup = null, string? GroupOwner = null);
