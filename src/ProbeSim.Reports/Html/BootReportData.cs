using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Html;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>What the boot part of an HTML report shows: the result and the <c>explain</c> answer for its devices.</summary>
/// <param name="Explanations">Explanations by device (matched to <see cref="BootResult.Devices"/> by name); may be empty.</param>
public sealed record BootReportData(BootResult Result, IReadOnlyList<Explanation> Explanations)
{
    /// <summary>The report data of a boot's result (with its published state, <see cref="BootResult.State"/>), with every device explained.</summary>
    public static BootReportData Create(BootResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new BootReportData(result, Explainer.ExplainAll(result));
    }

    /// <summary>As <see cref="Create(BootResult)"/>, for a kernel and the result it built.</summary>
    public static BootReportData Create(Kernel kernel, BootResult result)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(result);
        return new BootReportData(result, Explainer.ExplainAll(kernel, result));
    }
}
