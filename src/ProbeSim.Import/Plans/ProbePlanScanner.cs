using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans;

/// <summary>
/// Reads a driver's probe path from its C source and produces its <see cref="ProbePlan"/>; reads what an early OF
/// init registers. One instance per import: lexed files and their function indexes are cached (not thread-safe).
/// </summary>
public sealed class ProbePlanScanner
{
    private readonly SourceSet _sources;

    public ProbePlanScanner(string sourceRoot) => _sources = new SourceSet(sourceRoot);

    /// <summary>The plan of <paramref name="probeFunction"/> in <paramref name="relativeFile"/>. A file or function that is not there gives an incomplete plan with one Unknown step saying so.</summary>
    public ProbePlan Scan(string relativeFile, string probeFunction, string driverId)
    {
        var f = _sources.Load(relativeFile);
        if (f is null) return Missing(driverId, relativeFile, probeFunction, $"source file {relativeFile} not found");
        if (!f.Functions.TryGetValue(probeFunction, out var fn))
        {
            // .probe = a family library's probe (mtk_clk_simple_probe in clk-mtk.c): read it where it is defined
            if (_sources.Sibling(f, probeFunction) is { } sib) (f, fn) = (sib.File, sib.Function);
            else if (LibraryFacts.Find(probeFunction) is { } fact && _sources.Load(fact.File) is { } lib && lib.Functions.TryGetValue(probeFunction, out var libFn))
                (f, fn) = (lib, libFn);
            else return Missing(driverId, relativeFile, probeFunction, $"no definition of {probeFunction} in {relativeFile} or its directory");
        }
        var (steps, complete) = new ProbeWalker(_sources).Walk(f, fn);
        return new ProbePlan(driverId, steps, complete);
    }

    /// <summary>What the early init <paramref name="initFunction"/> registers for its node, and whether it leaves the node to a platform driver.</summary>
    public (IReadOnlyList<EarlyProvides> Provides, bool LeavesNode) EarlyInit(string relativeFile, string initFunction)
    {
        var f = _sources.Load(relativeFile);
        if (f is null || !f.Functions.TryGetValue(initFunction, out var fn)) return (Array.Empty<EarlyProvides>(), false);
        return new EarlyInitWalker(_sources).Walk(f, fn);
    }

    private static ProbePlan Missing(string driverId, string file, string function, string reason)
        => new(driverId, new[] { new PlanStep { Kind = PlanStepKind.Unknown, Name = function, Message = PlanMessage.Note(reason), Function = function, Source = new SourceLine(file, 0) } }, false);
}
