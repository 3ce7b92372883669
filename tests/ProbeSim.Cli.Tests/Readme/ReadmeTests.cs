using ProbeSim.Cli.Tests.Packaging;
using ProbeSim.DeviceTree.Tests;
using Xunit.Abstractions;

namespace ProbeSim.Cli.Tests.Readme;

/// <summary>
/// Every command of README.md, run as written: each <c>```sh</c> block is one bash script, run in README order in a
/// copy of the checkout (<see cref="CheckoutCopy"/>), so <c>scripts/probesim</c> sets up and builds from scratch as on
/// a fresh clone. The one command left out is <c>scripts/test.sh</c>, the test command itself, which CI runs
/// (<c>.ci/run</c>). <c>dotnet tool install --global</c> installs into the copy's own DOTNET_CLI_HOME, and the copy
/// has its own NuGet packages folder (the machine's one as a read-only fallback), so nothing global changes.
/// </summary>
public class ReadmeTests(ITestOutputHelper output)
{
    private static string Readme => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));

    /// <summary>The test command, run by CI rather than by a test inside it.</summary>
    private const string TestCommand = "scripts/test.sh";

    /// <summary>
    /// What some commands must print (standard output and error together of their block), from the kernel's tables and
    /// the corpus. A command is named by the whole of it or, where it starts with "…", by a part.
    /// </summary>
    private static readonly (string Command, string[] Expected)[] Expectations =
    [
        ("scripts/probesim boot", ["probesim-demo.dts: profile v6.6, drivers default", "12000000.iommu", "/sys/kernel/debug/devices_deferred"]),
        // Debian 6.1 has CONFIG_CLK_RK3568 but no RK3588 CRU driver (clk-rk3588 arrived in v6.2)
        ("…scripts/probesim explain $K/src/arm64/rockchip/rk3588-rock-5b.dts pwm-fan",
            ["pwm-fan is deferred", "device link -> fd8b0010.pwm: deferred", "no driver in this driver set matches \"rockchip,rk3588-cru\"  <- root cause"]),
        // v4.12-rc1's of_iommu_configure defers for a declared IOMMU even when its node is disabled (fixed in v4.12)
        ("…scripts/probesim diff $K --arch arm64 --a v4.12-rc1 --b v4.12", ["-> IOMMU <node> is disabled", "socfpga_stratix10"]),
        ("probesim --version", ["probesim 0.1.0"]),
        ("scripts/probesim boot --tree", ["/sys/devices/platform", "12200000.mmc [probesim-demo-sdhci] bound"]),
        ("…--pci $O/dump --sysfs", ["/sys/kernel/iommu_groups/"]),
        ("scripts/probesim explain samples/boards/probesim-demo.dts 12200000.mmc", ["12200000.mmc is bound to probesim-demo-sdhci"]),
        ("…scripts/probesim check samples/boards/probesim-demo.dts", ["complete"]),
        ("…scripts/probesim corpus build", ["failed"]),
        ("…--list flat", ["ProbeSim.Benchmarks.DmaMapBenchmark.Direct"]),
    ];

    private static bool Names(string name, string command) =>
        name.StartsWith('…') ? command.Contains(name[1..], StringComparison.Ordinal) : command == name;

    [Fact]
    public void The_readme_has_the_two_commands_and_the_four_steps_of_the_tour()
    {
        var commands = ReadmeBlocks.Parse(Readme).SelectMany(b => b.Commands).ToList();
        Assert.Contains("scripts/probesim boot", commands);
        Assert.Contains(TestCommand, commands);
        var tour = ReadmeBlocks.Parse(Readme).Single(b => b.Text.Contains("# 1. Boot the sample board"));
        Assert.Collection(tour.Commands.Where(c => c.StartsWith("scripts/probesim", StringComparison.Ordinal)),
            c => Assert.Equal("scripts/probesim boot", c),
            c => Assert.StartsWith("scripts/probesim boot $K/src/arm64/", c),
            c => Assert.StartsWith("scripts/probesim explain ", c),
            c => Assert.StartsWith("scripts/probesim diff ", c));
        // each expectation names a command that is really in the README
        foreach (var (command, _) in Expectations)
            Assert.True(commands.Any(c => Names(command, c)), $"no README command is '{command}'");
    }

    [Fact]
    public void Blocks_split_into_commands_with_continuations_joined_and_comments_dropped()
    {
        var b = new ReadmeBlock(1, "# a comment\nK=x\nscripts/probesim dtc -a \\\n    -b $K   # trailing\n\nprobesim --version");
        Assert.Equal(["K=x", "scripts/probesim dtc -a -b $K", "probesim --version"], b.Commands);
    }

    [Fact]
    public void Every_readme_command_runs_in_a_fresh_copy_of_the_checkout()
    {
        var main = CheckoutCopy.Create();
        var tmp = Path.GetDirectoryName(main)!;
        var dotnet = ProcessRunner.Dotnet();
        var cliHome = Path.Combine(tmp, "dotnet-home");
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var env = new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = cliHome,
            ["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet)!,
            ["PATH"] = Path.Combine(cliHome, ".dotnet", "tools") + Path.PathSeparator + Path.GetDirectoryName(dotnet) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["NUGET_PACKAGES"] = Path.Combine(tmp, "nuget-packages"),
            ["NUGET_FALLBACK_PACKAGES"] = globalPackages,
        };

        var ran = new List<string>();
        foreach (var block in ReadmeBlocks.Parse(Readme))
        {
            var script = string.Join('\n', block.Text.Split('\n').Where(l => l.Trim() != TestCommand));
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = ProcessRunner.Run("bash", ["-euo", "pipefail", "-c", script], main, env, timeoutSeconds: 900);
            output.WriteLine($"README.md:{block.Line}: exit {r.ExitCode} in {sw.Elapsed.TotalSeconds:F1} s; last line: {r.Out.TrimEnd().Split('\n')[^1]}");
            Assert.True(r.ExitCode == 0, $"README.md:{block.Line}: the block failed\n{script}\n{r}");
            foreach (var (command, expected) in Expectations)
            {
                if (!block.Commands.Any(c => Names(command, c))) continue;
                foreach (var e in expected)
                    Assert.True(r.Out.Contains(e, StringComparison.Ordinal) || r.Err.Contains(e, StringComparison.Ordinal),
                        $"README.md:{block.Line}: '{command}' should print '{e}'\n{r}");
            }
            ran.AddRange(block.Commands.Where(c => c != TestCommand));
        }

        // every command of the README ran (and the test command is the only one left to CI)
        var all = ReadmeBlocks.Parse(Readme).SelectMany(b => b.Commands).ToList();
        Assert.Equal(all.Where(c => c != TestCommand), ran);
        Assert.Single(all, c => c == TestCommand);
        // what the commands wrote stayed in the copy
        foreach (var f in new[] { "demo.html", "demo.dot", "rock-5b.dtb", "nanopc-t4-hd702e.dtb", "rockchip-debian.json", Path.Combine("nupkg", "probesim.0.1.0.nupkg") })
            Assert.True(File.Exists(Path.Combine(main, f)), $"{f} was not written");
        Assert.True(File.Exists(Path.Combine(cliHome, ".dotnet", "tools", "probesim")), "the global tool was not installed into the copy's DOTNET_CLI_HOME");
    }
}
