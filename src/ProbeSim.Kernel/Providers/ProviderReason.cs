using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Providers;

/// <summary>
/// Why a provider lookup found what it found, as the values it saw; <see cref="ProviderText"/> makes the words only
/// when an explanation or a deferred device's note is read (most lookups succeed and nobody reads them).
/// </summary>
public abstract record ProviderReason;

/// <summary>An early OF table's init (or its registration function) registered the provider.</summary>
public sealed record ProviderRegisteredEarly(string By, string Compatible) : ProviderReason;

/// <summary>The provider's device is bound (or, for a subnode, the device that registers it).</summary>
public sealed record ProviderRegisteredBy(string Device, string? Driver, bool ForSubnode) : ProviderReason;

/// <summary>The provider's device exists but is not bound; <paramref name="Unbound"/> says why, as it was then.</summary>
public sealed record ProviderNotBound(string Device, string Unbound) : ProviderReason;

/// <summary>The provider's node has no device, for the reason the OF core had then.</summary>
public sealed record ProviderWithoutDevice(DtNode Node, NoDeviceReason Why) : ProviderReason;

/// <summary>The words of a <see cref="ProviderReason"/>.</summary>
public static class ProviderText
{
    public static string Describe(ProviderReason why) => why switch
    {
        ProviderRegisteredEarly r => $"registered early by {r.By} ({r.Compatible})",
        ProviderRegisteredBy r => r.ForSubnode ? $"registered by {r.Device} ({r.Driver}) for its subnode" : $"registered by {r.Device} ({r.Driver})",
        ProviderNotBound r => $"{r.Device} is not bound: {r.Unbound}",
        ProviderWithoutDevice r => $"{r.Node.Path} has no device: {NoDeviceText.Describe(r.Why)}",
        _ => why.ToString(),
    };
}
