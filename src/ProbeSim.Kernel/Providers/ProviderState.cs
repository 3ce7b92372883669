using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Providers;

/// <summary>Whether a resource provider (clock, reset, regulator, ...) has registered with its subsystem, and why not (words: ProbeSim.Reports).</summary>
public sealed record ProviderState(bool Registered, Device? Device, ProviderReason Reason);
