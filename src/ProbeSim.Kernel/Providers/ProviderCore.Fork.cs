namespace ProbeSim.Kernel.Providers;

// Kernel.Fork: the providers' state, copied into a forked kernel's own ProviderCore
internal sealed partial class ProviderCore
{
    /// <summary>Whether a plan probe's quiet section is open (false at every registration boundary).</summary>
    internal void CopyFrom(ProviderCore from) => _planQuiet = from._planQuiet;
}
