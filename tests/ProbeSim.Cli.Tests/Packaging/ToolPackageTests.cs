using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Packaging;

/// <summary>
/// <c>probesim</c> as a .NET tool: packs the CLI project as the test build left it (<c>dotnet pack --no-build</c>),
/// installs the package from that folder alone into a tool path (a NuGet.config with only the local source, its own
/// packages folder: nothing global is touched and nothing is fetched), and runs the installed command.
/// </summary>
public class ToolPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void Packs_installs_and_runs_as_a_dotnet_tool()
    {
        var tmp = TestPaths.NewTempDir();
        var dotnet = ProcessRunner.Dotnet();
        var env = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(tmp, "packages"),
            ["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet)!,
        };
        var project = Path.Combine(TestPaths.RepoRoot, "src", "ProbeSim.Cli", "ProbeSim.Cli.csproj");

        var pack = ProcessRunner.Run(dotnet, ["pack", project, "-c", Configuration, "--no-build", "-o", Path.Combine(tmp, "nupkg"), "--nologo"], tmp, env);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.True(File.Exists(Path.Combine(tmp, "nupkg", "probesim.0.1.0.nupkg")), pack.ToString());

        File.WriteAllText(Path.Combine(tmp, "NuGet.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n" +
            "    <add key=\"local\" value=\"nupkg\" />\n  </packageSources>\n</configuration>\n");
        var tools = Path.Combine(tmp, "tools");
        var install = ProcessRunner.Run(dotnet, ["tool", "install", "--tool-path", tools, "--configfile", Path.Combine(tmp, "NuGet.config"), "probesim"], tmp, env);
        Assert.True(install.ExitCode == 0, install.ToString());

        var probesim = Path.Combine(tools, OperatingSystem.IsWindows() ? "probesim.exe" : "probesim");
        var version = ProcessRunner.Run(probesim, ["--version"], tmp, env);
        Assert.Equal(0, version.ExitCode);
        Assert.Equal("probesim 0.1.0\n", version.Out.ReplaceLineEndings("\n"));

        // the sample board travels inside the package (tools/net10.0/any/samples) and is the default board
        var boot = ProcessRunner.Run(probesim, ["boot"], tmp, env);
        Assert.True(boot.ExitCode == 0, boot.ToString());
        Assert.StartsWith("probesim-demo.dts: profile v6.6, drivers default\nNAME ", boot.Out.ReplaceLineEndings("\n"));
        Assert.Contains("12000000.iommu", boot.Out);
        Assert.DoesNotContain('\u001b', boot.Out);

        if (ProcessRunner.OnPath("bash") is { } bash && !OperatingSystem.IsWindows())
        {
            Assert.Equal(["boot"], Complete(bash, tools, env, tmp, "probesim bo"));
            Assert.Equal(["--tree"], Complete(bash, tools, env, tmp, "probesim boot --tr"));
        }
    }

    /// <summary>What the bash completion script offers for a line with the cursor at its end.</summary>
    private static IReadOnlyList<string> Complete(string bash, string tools, Dictionary<string, string> env, string dir, string line)
    {
        var script = string.Join("\n",
            "source <(probesim completion bash)",
            "read -r -a COMP_WORDS <<< \"$LINE\"",
            "[[ $LINE == *' ' ]] && COMP_WORDS+=('')",
            "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
            "COMP_LINE=\"$LINE\"",
            "COMP_POINT=${#LINE}",
            "_probesim_complete",
            "printf '%s\\n' \"${COMPREPLY[@]}\"");
        var withPath = new Dictionary<string, string>(env)
        {
            ["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["LINE"] = line,
        };
        var r = ProcessRunner.Run(bash, ["-c", script], dir, withPath);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
