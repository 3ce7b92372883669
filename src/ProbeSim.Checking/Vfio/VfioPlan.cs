using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu;

namespace ProbeSim.Checking.Vfio;

/// <summary>
/// How to hand one device to VFIO (<c>probesim vfio plan</c>): its IOMMU group, what each member is to the kernel's
/// viability rule, the sysfs writes that make the group viable and bind the device to its VFIO driver, and what the
/// tool will not hand over. ProbeSim.Reports words it.
/// </summary>
public sealed record VfioPlan
{
    /// <summary>The device asked about (kernel name: <c>0000:01:00.0</c>).</summary>
    public required string Device { get; init; }
    /// <summary>Its bus (<c>pci</c>, <c>platform</c>): the sysfs directory below /sys/bus.</summary>
    public required string Bus { get; init; }
    /// <summary>The VFIO driver of that bus (vfio-pci, vfio-platform), or null when the bus has none.</summary>
    public string? VfioDriver { get; init; }
    /// <summary>The group, or null when the device has none (then there is nothing VFIO can open).</summary>
    public VfioPlanGroup? Group { get; init; }
    /// <summary>The kernel's viability answer for the group now (null without a group).</summary>
    public VfioGroupViability? Viability { get; init; }
    /// <summary>The members in group order, the device among them.</summary>
    public IReadOnlyList<VfioPlanMember> Members { get; init; } = Array.Empty<VfioPlanMember>();
    /// <summary>The sysfs writes in order; empty when refused or when nothing is to do.</summary>
    public IReadOnlyList<VfioPlanStep> Steps { get; init; } = Array.Empty<VfioPlanStep>();
    /// <summary>Why the plan is refused; empty when it is not.</summary>
    public IReadOnlyList<VfioRefusal> Refusals { get; init; } = Array.Empty<VfioRefusal>();

    public bool Refused => Refusals.Count > 0;
}

/// <summary>The IOMMU group: its number and the type of its default domain (null: none).</summary>
public sealed record VfioPlanGroup(int Id, IommuDomainType? DefaultDomain);

/// <summary>What the plan does with one member.</summary>
public enum VfioMemberStep
{
    /// <summary>Nothing: the member does not block viability (the kernel rule says why: <see cref="VfioPlanMember.Use"/>).</summary>
    None,
    /// <summary>Nothing: the device is already bound to its VFIO driver.</summary>
    AlreadyVfio,
    /// <summary>Hand it to the bus's VFIO driver (driver_override, unbind, drivers_probe).</summary>
    ToVfio,
    /// <summary>Hand it to pci-stub: a bridge that blocks, which vfio-pci refuses (vfio_pci_core_register_device: hdr_type != PCI_HEADER_TYPE_NORMAL, v6.1 drivers/vfio/pci/vfio_pci_core.c:2124).</summary>
    ToPciStub,
}

/// <summary>One member of the group.</summary>
/// <param name="ClassCode">The PCI class code (24 bits), null for a device that is not PCI.</param>
/// <param name="IsBridge">A PCI function whose header type is not normal.</param>
/// <param name="IsHostBridge">A PCI host bridge function (class 0x0600xx).</param>
public sealed record VfioPlanMember(
    string Device, string? Driver, uint? ClassCode, bool IsBridge, bool IsHostBridge, bool IsTarget, VfioMemberUse Use, VfioMemberStep Step);
