using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Providers;

/// <summary>
/// Why a provider lookup found what it found, as the values it saw; ProbeSim.Reports makes the words only when an
/// explanation or a deferred device's note is read (most lookups succeed and nobody reads them).
/// </summary>
public abstract record ProviderReason;

/// <summary>An early OF table's init (or its registration function) registered the provider.</summary>
public sealed record ProviderRegisteredEarly(string By, string Compatible) : ProviderReason;

/// <summary>The provider's device is bound (or, for a subnode, the device that registers it).</summary>
public sealed record ProviderRegisteredBy(string Device, string? Driver, bool ForSubnode) : ProviderReason;

/// <summary>The provider's device exists but is not bound; <paramref name="Unbound"/> says why, as it was then.</summary>
public sealed record ProviderNotBound(string Device, ProviderUnbound Unbound) : ProviderReason;

/// <summary>Why a provider's device was not bound when a consumer looked it up.</summary>
public abstract record ProviderUnbound
{
    /// <summary>Its probe is deferred.</summary>
    public sealed record Deferred : ProviderUnbound;
    /// <summary>Its driver's probe rejected the match with <paramref name="Errno"/>.</summary>
    public sealed record RejectsMatch(string Driver, int Errno) : ProviderUnbound;
    /// <summary>Its probe failed with <paramref name="Errno"/>.</summary>
    public sealed record ProbeFailed(int Errno) : ProviderUnbound;
    /// <summary>Its driver is a module not loaded yet.</summary>
    public sealed record ModuleNotLoaded : ProviderUnbound;
    /// <summary>No driver matches it.</summary>
    public sealed record NoDriver : ProviderUnbound;
    /// <summary>A driver matches, and it was not probed yet.</summary>
    public sealed record NotProbed : ProviderUnbound;
}

/// <summary>The provider's node has no device, for the reason the OF core had then.</summary>
public sealed record ProviderWithoutDevice(string NodePath, NoDeviceReason Why) : ProviderReason;
