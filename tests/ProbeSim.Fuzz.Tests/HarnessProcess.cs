using System.Diagnostics;
using System.Text.Json;

namespace ProbeSim.Fuzz.Tests;

/// <summary>Runs the harness as a child process (so that what kills a worker, or the harness, is caught) and reads its summary.json.</summary>
public static class HarnessProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, JsonDocument? Summary, TimeSpan Elapsed)
    {
        public long Outcome(string name) => Summary!.RootElement.GetProperty("outcomes").GetProperty(name).GetInt64();

        public IReadOnlyList<(string Id, string Outcome)> Failures() =>
            Summary!.RootElement.GetProperty("failures").EnumerateArray().Select(f => (f.GetProperty("id").GetString()!, f.GetProperty("outcome").GetString()!)).ToList();
    }

    public static Result Run(TimeSpan limit, params string[] args)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "probesim-fuzz-tests", Guid.NewGuid().ToString("n"));
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ProbeSim.Fuzz.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("--out");
        psi.ArgumentList.Add(outDir);
        psi.ArgumentList.Add("--quiet");
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"the harness did not finish within {limit}: {string.Join(' ', args)}");
        }
        p.WaitForExit();
        var summaryPath = Path.Combine(outDir, "summary.json");
        var summary = File.Exists(summaryPath) ? JsonDocument.Parse(File.ReadAllText(summaryPath)) : null;
        try { Directory.Delete(outDir, recursive: true); } catch (IOException) { }
        return new Result(p.ExitCode, stdout.Result, stderr.Result, summary, sw.Elapsed);
    }
}
