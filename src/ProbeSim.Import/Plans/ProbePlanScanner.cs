using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans;

/// <summary>
/// Reads a driver's probe path from its C source and produces its <see cref="ProbePlan"/>; reads what an early OF
/// init registers. One instance per import: lexed files and their function indexes are cached (not thread-safe).
/// </summary>
public sealed class ProbePlanScanner
{
    private readonly string _root;
    private readonly Dictionary<string, CSourceFile?> _files = new(StringComparer.Ordinal);

    public ProbePlanScanner(string sourceRoot) => _root = sourceRoot;

    /// <summary>The plan of <paramref name="probeFunction"/> in <paramref name="relativeFile"/>. A file or function that is not there gives an incomplete plan with one Unknown step saying so.</summary>
    public ProbePlan Scan(string relativeFile, string probeFunction, string driverId)
    {
        var f = Load(relativeFile);
        if (f is null) return Missing(driverId, relativeFile, probeFunction, $"source file {relativeFile} not found");
        if (!f.Functions.TryGetValue(probeFunction, out var fn))
            return Missing(driverId, relativeFile, probeFunction, $"no definition of {probeFunction} in {relativeFile}");
        var (steps, complete) = new ProbeWalker(Load).Walk(f, fn);
        return new ProbePlan(driverId, steps, complete);
    }

    /// <summary>What the early init <paramref name="initFunction"/> registers for its node, and whether it leaves the node to a platform driver.</summary>
    public (IReadOnlyList<EarlyProvides> Provides, bool LeavesNode) EarlyInit(string relativeFile, string initFunction)
    {
        var f = Load(relativeFile);
        if (f is null || !f.Functions.TryGetValue(initFunction, out var fn)) return (Array.Empty<EarlyProvides>(), false);
        return new EarlyInitWalker(Load).Walk(f, fn);
    }

    /// <summary>The lexed file (cached), or null when it is not in the tree.</summary>
    internal CSourceFile? Load(string relativeFile)
    {
        if (_files.TryGetValue(relativeFile, out var cached)) return cached;
        var path = Path.Combine(_root, relativeFile);
        CSourceFile? f = File.Exists(path) ? new CSourceFile(relativeFile, File.ReadAllText(path)) : null;
        _files[relativeFile] = f;
        return f;
    }

    private static ProbePlan Missing(string driverId, string file, string function, string reason)
        => new(driverId, new[] { new PlanStep { Kind = PlanStepKind.Unknown, Name = function, Message = reason, Function = function, Source = new SourceLine(file, 0) } }, false);
}
