using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Of;

// Kernel.Fork: the OF layer's state, copied into a forked kernel's own OfPlatform
internal sealed partial class OfPlatform
{
    /// <summary>The early entries, the OF_POPULATED set with its running digest, the duplicate names (nodes and records: shared).</summary>
    internal void CopyFrom(OfPlatform from)
    {
        foreach (var (node, e) in from._early) _early[node] = e;
        _ofPopulated.UnionWith(from._ofPopulated);
        _ofPopulatedDigest = from._ofPopulatedDigest;
        foreach (var (node, why) in from._duplicateNames) _duplicateNames[node] = why;
    }
}
