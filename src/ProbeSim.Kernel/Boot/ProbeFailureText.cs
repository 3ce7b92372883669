using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Boot;

/// <summary>Words for a <see cref="ProbeFailure"/>: which really_probe step failed, so a core-step failure is not called the driver's.</summary>
public static class ProbeFailureText
{
    public static string Describe(ProbeFailure f)
    {
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
}
