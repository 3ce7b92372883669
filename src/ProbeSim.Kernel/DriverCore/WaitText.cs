using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.DriverCore;

/// <summary>The words of a <see cref="WaitReason"/>: the note under a deferred device in reports and explanations.</summary>
public static class WaitText
{
    public static string Describe(WaitReason why) => why switch
    {
        IommuNotRegisteredWait w => w.CheckState
            ? $"of_iommu_configure: IOMMU {w.IommuPath} not registered (driver_deferred_probe_check_state)"
            : $"of_iommu_configure: IOMMU {w.IommuPath} not registered yet",
        ScriptDefersWait => "the probe script defers",
        InjectedFaultWait w => $"injected fault: probe returns -{Errno.Name(w.Errno)} at attempt {w.Attempt}",
        ProviderWait w => $"{w.Resource}: {w.Role} {ProbeSim.Kernel.Providers.ProviderText.Describe(w.Provider)}",
        AmbaClockWait w => w.Unavailable
            ? "amba: apb_pclk unavailable, periphid cannot be read"
            : "amba: apb_pclk provider not registered, periphid cannot be read",
        FwnodeLinkWait w => $"fwnode link to {w.Supplier.Path} ({w.Property}) not yet a device link",
        DeviceLinkWait w => $"device link to {w.Supplier} ({DeviceLink.StatusTextOf(w.Status)})",
        _ => why.ToString(),
    };
}
