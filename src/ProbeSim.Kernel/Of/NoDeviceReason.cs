using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Of;

/// <summary>Why the OF core (or a parent's driver) created no device for a node. Words: <see cref="NoDeviceText"/>.</summary>
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

/// <summary>The words of a <see cref="NoDeviceReason"/>, the only place they are made.</summary>
public static class NoDeviceText
{
    public static string Describe(NoDeviceReason reason) => reason switch
    {
        NoDeviceReason.SetUpEarly e => $"set up early by {OfPlatform.EarlyTableName(e.Table)} ({e.Compatible}); no device",
        NoDeviceReason.Disabled d => $"status = \"{d.Status}\"",
        NoDeviceReason.DuplicateName n => $"device name {n.Name} already taken",
        NoDeviceReason.NoCompatible => "no compatible",
        NoDeviceReason.UnderDisabled u => $"under disabled {u.AncestorPath}",
        NoDeviceReason.AmbaChild a => $"child of AMBA device {a.Parent}: never populated",
        NoDeviceReason.BusClient { ControllerBound: true } => "no reg or not created by the adapter",
        NoDeviceReason.BusClient b => $"{b.Bus} controller {b.Controller} is not bound",
        NoDeviceReason.LeftToParentDriver l => $"child of {l.Parent}: left to its driver",
        NoDeviceReason.ParentWithoutCompatible p => $"parent {p.ParentPath} has no compatible: not populated",
        _ => "not populated",
    };
}
