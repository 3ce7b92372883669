using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Tests;

/// <summary>The harness itself never touches anything outside its scratch directory: every path it writes or passes is relative and stays below it.</summary>
public class SafetyTests
{
    [Fact]
    public void InputsStayInsideTheScratchDirectory()
    {
        var f = CaseFactory.Create();
        for (long i = 0; i < 3000; i++)
        {
            var c = f.Create(5, i);
            foreach (var file in c.Files)
            {
                CaseWriter.Resolve("/scratch", file.Path);
                if (file.LinkTo is { } t) CaseWriter.Resolve("/scratch", t);
            }
            for (int k = 0; k < c.Args.Count; k++)
            {
                // DT paths (/soc/...) name devices; what follows an output option, or an option's =VALUE, is a file written
                var a = c.Args[k];
                bool written = k > 0 && Gen.Argv.ArgvCaseGenerator.IsOutputOption(c.Args[k - 1]) || a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=');
                var value = a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=') ? a[(a.IndexOf('=') + 1)..] : a.TrimStart('@');
                Assert.False(written && value.StartsWith('/'), $"input {c.Id}: absolute output path '{a}' in {c.CommandLine()}");
                Assert.DoesNotContain("..", value.Split('/'));
            }
        }
    }

    [Fact]
    public void EveryKindHasInputsEveryCommandIsReached()
    {
        var f = CaseFactory.Create();
        var cases = Enumerable.Range(0, 1400).Select(i => f.Create(11, i)).ToList();
        foreach (var k in FuzzKinds.All) Assert.Equal(200, cases.Count(c => c.Kind == k));
        var commands = cases.Select(c => Signatures.Command(c.Args)).ToHashSet();
        foreach (var cmd in new[] { "boot", "dtc", "fdtoverlay", "explain", "check", "corpus build", "corpus boot", "diff", "diff merge", "profiles", "completion", "invariants", "(root)", "acpi-load" })
            Assert.Contains(cmd, commands);
    }
}
