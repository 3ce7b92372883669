using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Harness;

/// <summary>Writes the first input of each failure group into <c>OUT/repro/N-OUTCOME/</c> with a <c>command.txt</c> that says how to run it.</summary>
public static class Repro
{
    public static void Write(string outDir, RunSummary summary, CaseFactory factory)
    {
        Directory.CreateDirectory(outDir);
        summary.WriteJson(Path.Combine(outDir, "summary.json"));
        File.WriteAllText(Path.Combine(outDir, "summary.txt"), summary.Text());
        File.WriteAllLines(Path.Combine(outDir, "failures.tsv"),
            summary.Failures.Select(f => string.Join('\t', f.Id, FuzzKinds.Name(f.Kind), Outcomes.Name(f.Outcome), f.ExitCode, f.Signature, f.Detail.Replace('\t', ' ').Replace('\n', ' '), f.Command.Replace('\t', ' ').Replace('\n', ' '))));
        int n = 0;
        foreach (var (sig, count, first) in summary.Groups())
        {
            var dir = Path.Combine(outDir, "repro", $"{++n:D3}-{Outcomes.Name(first.Outcome)}");
            var c = factory.Create(first.Seed, first.Index);
            WriteCase(dir, c, $"{sig}\n{count} inputs; first {first.Id}\n{first.Detail}");
        }
    }

    public static void WriteCase(string dir, FuzzCase c, string header)
    {
        CaseWriter.Write(dir, c);
        var lines = new List<string>
        {
            "# " + header.Replace("\n", "\n# "),
            $"# input {c.Id} ({FuzzKinds.Name(c.Kind)}); rerun: dotnet run -c Release --project fuzz/ProbeSim.Fuzz -- --replay {c.Id}",
            "# " + string.Join("; ", c.Notes),
            $"cd {FuzzCase.ShellQuote(Path.GetFullPath(dir))} && {c.CommandLine()}" + (c.Stdin.Length > 0 ? " < stdin.txt" : ""),
        };
        // ACPI inputs run through the harness's stand-in (Core/AcpiStandIn.cs): probesim has no such command yet
        if (c.Kind == FuzzKind.Acpi)
            lines[^1] = "# probesim has no ACPI command yet; this input runs only through --replay: " + lines[^1];
        File.WriteAllLines(Path.Combine(dir, "command.txt"), lines);
        if (c.Stdin.Length > 0) File.WriteAllText(Path.Combine(dir, "stdin.txt"), c.Stdin);
    }
}
