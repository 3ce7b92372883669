using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Explain;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>Builds <see cref="Explanation"/>s from a booted kernel.</summary>
public static class Explainer
{
    /// <summary>
    /// Why DEVICE ended as it did. DEVICE is a device name (<c>e6740000.iommu</c>), a DT path (<c>/soc/iommu@e6740000</c>)
    /// or a label (<c>ipmmu_mx</c>, with or without <c>&amp;</c>). Throws <see cref="ArgumentException"/> when nothing matches.
    /// </summary>
    public static Explanation Explain(Kernel kernel, BootResult result, string device) => throw new NotImplementedException("explain: in progress");

    /// <summary>An explanation of every device and not-present node of the result, in result order.</summary>
    public static IReadOnlyList<Explanation> ExplainAll(Kernel kernel, BootResult result) => throw new NotImplementedException("explain: in progress");
}
