using System.CommandLine;
using ProbeSim.Cli.Parsing;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Cli.Boot;

/// <summary>The options every command that boots a board shares (boot, corpus boot, and later explain, check, diff).</summary>
public sealed class BootArguments
{
    public Option<string?> Profile { get; } = new("--profile", "-p") { Description = "Kernel behaviour profile (probesim profiles lists them; default v6.6)" };
    public Option<string?> Kernel { get; } = new("--kernel") { Description = "Driver set of a real kernel: a directory laid out like ../shared/kernels/debian-bookworm-arm64" };
    public Option<string?> Drivers { get; } = new("--drivers") { Description = "Scenario file (YAML) overriding drivers, modules, profile, command line and user actions" };
    public Option<string?> Cmdline { get; } = new("--cmdline") { Description = "Kernel command line (deferred_probe_timeout=, fw_devlink=, fw_devlink.strict=, driver_async_probe=, ...)" };
    public Option<string[]> Set { get; } = new("--set") { Description = "Override a profile switch: NAME=VALUE (repeatable; lists take +item or -item)" };
    public Option<string[]> IncludeDirs { get; } = new("--include-dir", "-I") { Description = "Preprocessor include directory for the board (repeatable)" };
    public Option<string?> Pci { get; } = new("--pci") { Description = "PCI hierarchy below the host bridge: a YAML file (docs/pci-topology.md) or a sysfs dump directory of config files" };
    public Option<string?> Arch { get; } = new WordOption("--arch", ["arm", "arm64"]) { Description = "Board architecture for the DMA-mapping code: arm or arm64 (default: from the CPU nodes)" };

    public BootArguments()
    {
        // shell completion (probesim completion) offers these values
        Profile.CompletionSources.Add([.. ProbeSim.Kernel.Profiles.ProfileLibrary.Default.Profiles.Select(p => p.Name), "latest"]);
        Profile.HelpName = "PROFILE";
        // bad values are parse errors naming the option, found before any board is loaded
        Profile.Checked(ProfileArguments.CheckProfile);
        Set.CheckedEach(ProfileArguments.CheckSet);
    }

    /// <summary>
    /// Adds the options to a command; <paramref name="oneBoard"/> false for corpus commands, whose --arch names the source
    /// directory and whose boards bring their own include paths (so no --arch or --include-dir of a board's).
    /// </summary>
    public void AddTo(Command cmd, bool oneBoard = true)
    {
        cmd.Options.Add(Profile);
        cmd.Options.Add(Kernel);
        cmd.Options.Add(Drivers);
        cmd.Options.Add(Cmdline);
        cmd.Options.Add(Set);
        if (oneBoard) cmd.Options.Add(IncludeDirs);
        cmd.Options.Add(Pci);
        if (oneBoard) cmd.Options.Add(Arch);
    }

    /// <summary>Boot options from the parsed command line; the driver source of --kernel is loaded once and shared.</summary>
    public BootOptions Resolve(ParseResult pr)
    {
        var sets = new List<KeyValuePair<string, string>>();
        foreach (var s in pr.GetValue(Set) ?? [])
        {
            int eq = s.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--set wants NAME=VALUE, got '{s}'");
            sets.Add(new(s[..eq].Trim(), s[(eq + 1)..]));
        }
        IDriverSetSource drivers = pr.GetValue(Kernel) is { } dir ? new KernelDriverTables(dir) : new DefaultDriverSet();
        var profile = pr.GetValue(Profile);
        var options = new BootOptions
        {
            Profile = profile ?? ProbeSim.Kernel.Profiles.ProfileLibrary.DefaultProfile,
            Set = sets,
            Cmdline = pr.GetValue(Cmdline) ?? "",
            Drivers = drivers,
        };
        if (pr.GetValue(Drivers) is { } scenarioPath)
        {
            if (!File.Exists(scenarioPath)) throw new FileNotFoundException($"{scenarioPath}: No such file or directory");
            options = options.WithScenario(ScenarioFile.Load(scenarioPath), profile is not null);
        }
        if (pr.GetValue(Pci) is { } pciPath)
        {
            if (Directory.Exists(pciPath)) options = options with { Pci = ProbeSim.Kernel.Pci.PciSysfsDump.Load(pciPath).Single() };
            else if (File.Exists(pciPath)) options = options with { Pci = ProbeSim.Kernel.Pci.PciTopologyFile.Load(pciPath) };
            else throw new FileNotFoundException($"{pciPath}: No such file or directory");
        }
        if (pr.GetValue(Arch) is { } arch)
            options = options with { Arm32 = arch switch { "arm" => true, "arm64" => false, _ => throw new ArgumentException($"--arch takes arm or arm64, not '{arch}'") } };
        options.ResolveProfile();
        return options;
    }
}
