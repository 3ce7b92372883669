using ProbeSim.Kernel.Iommu;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// The rule of the profile's of_iommu_configure that applied to a device (docs/kernel/of-iommu.md section 3, spec
/// driver-core 8.1), as the values it saw. Checks switch on the type; the words are made in ProbeSim.Reports.
/// </summary>
public abstract record OfIommuRule
{
    /// <summary>Whether the rule returned -EPROBE_DEFER.</summary>
    public virtual bool Defers => false;

    /// <summary>The same rule with every DT path left out, so that one rule on different nodes and boards compares equal.</summary>
    public virtual OfIommuRule WithoutPaths() => this;

    /// <summary>No iommus property (or, for a PCI device, no iommu-map): the arch's default DMA.</summary>
    public sealed record NoIommuProperty(bool Pci) : OfIommuRule;

    /// <summary>An iommus or iommu-map entry could not be used; <paramref name="Error"/> is the parser's own message.</summary>
    public sealed record UnusableEntry(string Error) : OfIommuRule;

    /// <summary>Every entry parsed and none named an IOMMU.</summary>
    public sealed record NoIommu : OfIommuRule;

    /// <summary>The IOMMU's driver has no of_xlate.</summary>
    public sealed record NoOfXlate(string IommuPath) : OfIommuRule
    {
        public override OfIommuRule WithoutPaths() => this with { IommuPath = "" };
    }

    /// <summary>v4.12+: the IOMMU node is not available.</summary>
    public sealed record IommuDisabled(string IommuPath) : OfIommuRule
    {
        public override OfIommuRule WithoutPaths() => this with { IommuPath = "" };
    }

    /// <summary>Up to v4.11 (and the instance era): the IOMMU has no registered ops when the device is configured.</summary>
    public sealed record NoRegisteredOps(string IommuPath) : OfIommuRule
    {
        public override OfIommuRule WithoutPaths() => this with { IommuPath = "" };
    }

    /// <summary>v4.12-v4.17: a built-in IOMMU_OF_DECLARE driver matches, but the system is running.</summary>
    public sealed record NotRegisteredBootOver(string IommuPath) : OfIommuRule
    {
        public override OfIommuRule WithoutPaths() => this with { IommuPath = "" };
    }

    /// <summary>v4.12-v4.17: no built-in IOMMU_OF_DECLARE driver matches the node.</summary>
    public sealed record NoBuiltInDriver(string IommuPath) : OfIommuRule
    {
        public override OfIommuRule WithoutPaths() => this with { IommuPath = "" };
    }

    /// <summary>v4.12-v4.17 of_iommu_driver_present: defer; <paramref name="DisabledUnchecked"/> when the node is disabled
    /// and the profile does not check.</summary>
    public sealed record DeferDriverPresent(string IommuPath, bool DisabledUnchecked) : OfIommuRule
    {
        public override bool Defers => true;
        public override OfIommuRule WithoutPaths() => this with { IommuPath = "" };
    }

    /// <summary>v4.19+: the IOMMU is not registered and driver_deferred_probe_check_state says wait.</summary>
    public sealed record DeferCheckState(string IommuPath) : OfIommuRule
    {
        public override bool Defers => true;
        public override OfIommuRule WithoutPaths() => this with { IommuPath = "" };
    }

    /// <summary>v4.19+: the IOMMU is not registered and driver_deferred_probe_check_state gave up with <paramref name="Errno"/>.</summary>
    public sealed record CheckStateGaveUp(string IommuPath, int Errno) : OfIommuRule
    {
        public override OfIommuRule WithoutPaths() => this with { IommuPath = "" };
    }

    /// <summary>iommu_fwspec_init: the device already has a fwspec for another IOMMU driver (-EINVAL).</summary>
    public sealed record ForeignFwspec : OfIommuRule;

    /// <summary>The IOMMU probe of the device returned -EPROBE_DEFER.</summary>
    public sealed record ProbeDeviceDeferred : OfIommuRule
    {
        public override bool Defers => true;
    }

    /// <summary>The IOMMU probe of the device failed with <paramref name="Errno"/>; <paramref name="Refusal"/> is the driver's
    /// probe_device refusal when the model knows it.</summary>
    public sealed record ProbeDeviceFailed(int Errno, IommuProbeRefusal? Refusal) : OfIommuRule;

    /// <summary>The IOMMU instance was found, and how the profile's of_iommu_configure found it.</summary>
    public sealed record Found(string Iommu, OfIommuFoundBy By) : OfIommuRule;
}

/// <summary>How of_iommu_configure found an IOMMU, per era.</summary>
public enum OfIommuFoundBy
{
    /// <summary>v4.2-v4.10: no fwspec; the ops its IOMMU_OF_DECLARE hook set (of_iommu_get_ops), then of_xlate.</summary>
    DeclaredOps,
    /// <summary>The registered instance (iommu_ops_from_fwnode): fwspec and of_xlate; the group comes at BUS_NOTIFY_ADD_DEVICE.</summary>
    FwnodeThenAddDevice,
    /// <summary>The registered instance: fwspec and of_xlate, then the IOMMU probe of the device.</summary>
    FwnodeThenProbe,
}
