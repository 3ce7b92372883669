using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Providers;

/// <summary>Whether a resource provider (clock, reset, regulator, ...) has registered with its subsystem, and why not.</summary>
public sealed record ProviderState(bool Registered, Device? Device, ProviderReason Reason)
{
    /// <summary>The reason in words (made when read).</summary>
    public string Why => ProviderText.Describe(Reason);
}
