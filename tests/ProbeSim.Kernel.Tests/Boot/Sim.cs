using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Boots a small DTS under a profile with an optional scenario file, for scenario tests.</summary>
internal static class Sim
{
    public static BootResult Boot(string dts, string? scenario = null, string profile = "v6.6", string cmdline = "",
        double? stopAfter = null, params string[] set)
    {
        var tree = DtsCompiler.Compile(dts, "test.dts", new DtsCompileOptions()).Tree;
        var options = new BootOptions
        {
            Profile = profile,
            Cmdline = cmdline,
            StopAfterSeconds = stopAfter,
            Set = set.Select(s => new KeyValuePair<string, string>(s[..s.IndexOf('=')], s[(s.IndexOf('=') + 1)..])).ToList(),
        };
        if (scenario is not null) options = options.WithScenario(ScenarioFile.Parse(scenario, "test.yaml"), profileGiven: true);
        return options.Boot(tree, "test.dts");
    }

    public static DeviceOutcome Dev(this BootResult r, string name) =>
        r.Devices.SingleOrDefault(d => d.Name == name) ?? throw new Xunit.Sdk.XunitException($"no device {name}; have {string.Join(", ", r.Devices.Select(d => d.Name))}");

    public static string[] Events(this BootResult r, string dev) => r.Notifiers.Where(n => n.Device == dev).Select(n => n.Event).ToArray();

    /// <summary>The action as the JSON <c>action</c> field reads (<c>vfio-set-container 0000:01:00.1</c>).</summary>
    public static string Describe(this ActionOutcome a) => ProbeSim.Reports.Actions.ActionText.Describe(a);

    public static bool Logged(this BootResult r, string text) => r.Log.Any(l => l.Text == text);

    public static string DevicesDeferredText(this BootResult r) =>
        string.Concat(r.DevicesDeferred!.Select(e => $"{e.Device}\t{e.Reason}\n"));

    /// <summary>Spec T0-style SoC wrapper.</summary>
    public static string Soc(string body) => "/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;\n" + body + "\n }; };\n";
}
