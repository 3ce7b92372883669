using ProbeSim.Checking.Vfio;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Vfio;

/// <summary>The words of a VFIO plan: sysfs commands, member verdicts, refusals, the kernel's viability rule.</summary>
public static class VfioPlanWords
{
    /// <summary>The shell command of one step, with the sysfs path in the kernel's own form.</summary>
    public static string Command(VfioPlanStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step switch
        {
            SetDriverOverride o => $"echo {o.Driver} > /sys/bus/{o.Bus}/devices/{o.Device}/driver_override",
            UnbindDriver u => $"echo {u.Device} > /sys/bus/{u.Bus}/drivers/{u.Driver}/unbind",
            ProbeDrivers p => $"echo {p.Device} > /sys/bus/{p.Bus}/drivers_probe",
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    /// <summary>The group's directory in sysfs.</summary>
    public static string GroupPath(int group) => $"/sys/kernel/iommu_groups/{group}";

    /// <summary>The rule of the profile's kernel, with the function it rests on.</summary>
    public static string Rule(VfioViabilityRule rule) => rule switch
    {
        VfioViabilityRule.DmaOwnership =>
            "v5.19+ DMA ownership: viable unless a kernel DMA-API driver is bound in the group (iommu_group_dma_owner_claimed, drivers/vfio/vfio_main.c)",
        _ => "before v5.19: every member unbound, bound to a VFIO driver or pci-stub, or a PCI bridge (vfio_dev_viable, drivers/vfio/vfio.c)",
    };

    /// <summary>Stable word for the rule (JSON).</summary>
    public static string RuleWord(VfioViabilityRule rule) => rule == VfioViabilityRule.DmaOwnership ? "dma-ownership" : "dev-viable";

    /// <summary>What the member is to the rule, as a clause.</summary>
    public static string Use(VfioMemberUse use, string? driver) => use switch
    {
        VfioMemberUse.Unbound => "no driver",
        VfioMemberUse.VfioDriver => $"bound to {driver}, a VFIO driver",
        VfioMemberUse.DriverManagedDma => $"{driver} has driver_managed_dma, it takes no DMA ownership",
        VfioMemberUse.AllowedDriver => $"{driver} is on VFIO's allow-list (vfio_driver_allowed)",
        VfioMemberUse.PciBridge => "a PCI bridge (vfio_dev_driver_allowed allows any driver on a non-normal header type)",
        VfioMemberUse.KernelDmaUser => $"{driver} is a kernel DMA-API driver (it counts in the group's owner_cnt)",
        _ => $"{driver} is neither a VFIO driver nor allowed (vfio_dev_viable)",
    };

    /// <summary>Stable word for the use (JSON).</summary>
    public static string UseWord(VfioMemberUse use) => use switch
    {
        VfioMemberUse.Unbound => "unbound",
        VfioMemberUse.VfioDriver => "vfio-driver",
        VfioMemberUse.DriverManagedDma => "driver-managed-dma",
        VfioMemberUse.AllowedDriver => "allowed-driver",
        VfioMemberUse.PciBridge => "pci-bridge",
        VfioMemberUse.KernelDmaUser => "kernel-dma-user",
        _ => "driver-not-allowed",
    };

    /// <summary>What the plan does with the member.</summary>
    public static string Step(VfioPlanMember m, string? vfio) => m.Step switch
    {
        VfioMemberStep.AlreadyVfio => "already bound to its VFIO driver",
        VfioMemberStep.ToVfio => $"hand to {vfio}",
        VfioMemberStep.ToPciStub => "hand to pci-stub (vfio-pci takes no bridge)",
        _ => "nothing to do",
    };

    /// <summary>Stable word for the step (JSON).</summary>
    public static string StepWord(VfioMemberStep step) => step switch
    {
        VfioMemberStep.AlreadyVfio => "already-vfio",
        VfioMemberStep.ToVfio => "to-vfio",
        VfioMemberStep.ToPciStub => "to-pci-stub",
        _ => "none",
    };

    /// <summary>Why the plan is refused, in one clause.</summary>
    public static string Refusal(VfioRefusal refusal, string device)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal switch
        {
            NoIommuGroupForVfio => $"{device}: no IOMMU group: VFIO needs the device in an IOMMU group (vfio-pci's probe fails with -EINVAL in vfio_group_find_or_alloc) unless vfio.enable_unsafe_noiommu_mode=1, which gives no isolation and taints the kernel",
            NotProbedYet n => $"{device}: no IOMMU group yet: no driver has probed it, and on this board a device joins its group when one does (of_dma_configure at probe); bind it to its VFIO driver first ({string.Join("; ", n.Bind.Select(Command))}), then plan again",
            NoVfioDriver n => $"{device}: the {n.Bus} bus has no VFIO driver",
            NotNormalHeader b => $"{b.Device} is a bridge: vfio-pci refuses a non-normal header type (vfio_pci_core_register_device)",
            RmrrLocked r => $"{r.Device} has a platform RMRR (0x{r.Start:x}-0x{r.End:x}) that is not relaxable: the IOMMU refuses to attach it to a VFIO domain (\"Device is ineligible for IOMMU domain attach due to platform RMRR requirement\"; from v6.5 \"Firmware has requested this device have a 1:1 IOMMU mapping\")",
            UnsafeGroupMate u => $"{u.Device} ({Class(u.ClassCode)}) is bound to {u.Driver}: {Hazard(u.Hazard)} (a safety judgement of this tool, not a kernel rule)",
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };
    }

    /// <summary>Stable word for the refusal (JSON).</summary>
    public static string RefusalWord(VfioRefusal refusal) => refusal switch
    {
        NoIommuGroupForVfio => "no-iommu-group",
        NotProbedYet => "not-probed-yet",
        NoVfioDriver => "no-vfio-driver",
        NotNormalHeader => "bridge",
        RmrrLocked => "rmrr-locked",
        UnsafeGroupMate { Hazard: VfioHazard.DisplayInUse } => "display-in-use",
        UnsafeGroupMate { Hazard: VfioHazard.StorageInUse } => "storage-in-use",
        _ => "host-bridge",
    };

    private static string Hazard(VfioHazard h) => h switch
    {
        VfioHazard.DisplayInUse => "a display controller with a kernel driver: is the host using it?",
        VfioHazard.StorageInUse => "a storage controller with a kernel driver: the host's disks may hang off it",
        _ => "the PCI host bridge",
    };

    /// <summary>A class code as lspci's form, with the base class named where it matters here.</summary>
    public static string Class(uint code) => $"class 0x{code:x6}" + (code >> 16) switch
    {
        0x01 => " storage",
        0x03 => " display",
        _ => "",
    };
}
