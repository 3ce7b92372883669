using Xunit.Abstractions;

namespace ProbeSim.Fuzz.Tests;

/// <summary>
/// The fuzzing run of the test suite: 5,000 inputs across the seven kinds with a fixed seed, each ending with success or a
/// clean error. A failure lists every group with the command that replays its first input.
/// </summary>
public class ShortRunTests
{
    public const string Seed = "20260615";
    private readonly ITestOutputHelper _out;

    public ShortRunTests(ITestOutputHelper output) => _out = output;

    [Fact]
    public void FiveThousandInputs_EndCleanly()
    {
        var r = HarnessProcess.Run(TimeSpan.FromMinutes(15), "--inputs", "5000", "--seed", Seed, "--jobs", "2");
        _out.WriteLine(r.Stdout);
        _out.WriteLine($"elapsed {r.Elapsed.TotalSeconds:F1} s");
        Assert.True(r.Summary is not null, r.Stderr);
        Assert.Equal(5000, r.Summary!.RootElement.GetProperty("inputs").GetInt64());
        foreach (var outcome in new[] { "internal-error", "exception", "crash", "hang", "memory", "bad-exit", "input-modified", "silent-error", "unformatted-message" })
            Assert.True(r.Outcome(outcome) == 0, $"{r.Outcome(outcome)} inputs ended with {outcome}:\n{r.Stdout}");
        Assert.Equal(0, r.ExitCode);
    }
}
