using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Of;

/// <summary>Why the OF core (or a parent's driver) created no device for a node. Its words are made in ProbeSim.Reports.</summary>
public abstract record NoDeviceReason
{
    /// <summary>An early table (CLK_OF_DECLARE, IRQCHIP_DECLARE) set the node up and flagged it populated.</summary>
    public sealed record SetUpEarly(EarlyTable Table, string Compatible) : NoDeviceReason;
    /// <summary>The node's own status is not "okay".</summary>
    public sealed record Disabled(string Status) : NoDeviceReason;
    /// <summary>Another device already took the name.</summary>
    public sealed record DuplicateName(string Name) : NoDeviceReason;
    public sealed record NoCompatible : NoDeviceReason;
    /// <summary>An ancestor is not available.</summary>
    public sealed record UnderDisabled(string AncestorPath) : NoDeviceReason;
    /// <summary>of_platform_populate never descends below an AMBA device.</summary>
    public sealed record AmbaChild(string Parent) : NoDeviceReason;
    /// <summary>An I2C/SPI client whose controller is bound (no reg, or not created), or not bound.</summary>
    public sealed record BusClient(string Bus, string Controller, bool ControllerBound) : NoDeviceReason;
    /// <summary>A child a parent device's driver may create.</summary>
    public sealed record LeftToParentDriver(string Parent) : NoDeviceReason;
    public sealed record ParentWithoutCompatible(string ParentPath) : NoDeviceReason;
    public sealed record NotPopulated : NoDeviceReason;

    /// <summary>The node is not available, itself or through an ancestor.</summary>
    public bool IsDisabled => this is Disabled or UnderDisabled;
}
