using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

/// <summary>
/// Keeps a compile's diagnostics to <see cref="DeviceTreeLimits.MaxDiagnostics"/>: every message can name a path, so
/// an input with very many faults would otherwise fill memory with them. Past the cap warnings are dropped, and the next
/// error ends the compile with the errors so far.
/// </summary>
internal static class DiagnosticCap
{
    public static void Add(List<Diagnostic> list, Diagnostic d)
    {
        if (list.Count < DeviceTreeLimits.MaxDiagnostics)
        {
            list.Add(d);
            return;
        }
        if (d.Severity != Severity.Error) return;
        // the compile reports the errors collected so far before these
        throw new DeviceTreeException([d, new Diagnostic(Severity.Error, $"too many errors and warnings (more than {DeviceTreeLimits.MaxDiagnostics}); stopping", d.Location)]);
    }
}
