using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// What one scripted user action (sysfs write, VFIO/iommufd ioctl, module load, a kernel driver's IOMMU attach) came to.
/// Facts only: ProbeSim.Reports turns them into words (ActionText, the table, the log, explain, HTML).
/// </summary>
/// <param name="TimeUs">Simulated time at which the action ran.</param>
/// <param name="Kind">The scenario verb.</param>
/// <param name="Target">The device (name, DT path or label) or module as the scenario wrote it.</param>
/// <param name="Device">The device the target resolved to when the action ran, or null (load-module, no such device).</param>
/// <param name="Argument">The driver (bind, unbind, driver-override), group type (iommu-group-type) or domain name (iommu-attach-*), or null.</param>
/// <param name="Result">0 or the negative errno the kernel (or, for a file that does not exist, the VFS) returned.</param>
/// <param name="Origin">Where the action was written (<c>file:line:col</c>).</param>
public sealed record ActionOutcome(long TimeUs, UserActionKind Kind, string? Target, string? Device, string? Argument, int Result, string Origin)
{
    /// <summary>The device's bus (<c>platform</c>, <c>pci</c>, ...), for the sysfs paths of bind and unbind; null without a device.</summary>
    public string? Bus { get; init; }

    /// <summary>/sys/kernel/iommu_groups/N (and /dev/vfio/N) of the device when the action ran, or null.</summary>
    public int? Group { get; init; }

    /// <summary>Why the kernel refused the action, when <see cref="Result"/> is an error and the model knows why.</summary>
    public ActionRefusal? Refusal { get; init; }

    /// <summary>True when the action failed (a negative <see cref="Result"/>).</summary>
    public bool Refused => Result < 0;
}
