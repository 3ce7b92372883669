using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Checking.Tests;

/// <summary>A small DTS with an optional scenario file and profile, booted into a kernel whose state the checks read.</summary>
internal static class Scenario
{
    public static BootOptions Options(string? scenario = null, string profile = "v6.6", string cmdline = "", params string[] set)
    {
        var options = new BootOptions
        {
            Profile = profile,
            Cmdline = cmdline,
            Set = set.Select(s => new KeyValuePair<string, string>(s[..s.IndexOf('=')], s[(s.IndexOf('=') + 1)..])).ToList(),
        };
        return scenario is null ? options : options.WithScenario(ScenarioFile.Parse(scenario, "test.yaml"), profileGiven: true);
    }

    public static ProbeSim.DeviceTree.Model.DtTree Tree(string dts) => DtsCompiler.Compile(dts, "test.dts", new DtsCompileOptions()).Tree;

    public static (ProbeSim.Kernel.Boot.Kernel Kernel, BootResult Result) Boot(string dts, string? scenario = null, string profile = "v6.6", string cmdline = "", params string[] set)
    {
        var kernel = Options(scenario, profile, cmdline, set).CreateKernel(Tree(dts), "test.dts");
        return (kernel, kernel.Boot());
    }

    /// <summary>A simple-bus SoC wrapper around the body.</summary>
    public static string Soc(string body) => "/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;\n" + body + "\n }; };\n";
}
