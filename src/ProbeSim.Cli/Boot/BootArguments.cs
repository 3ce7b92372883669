using System.CommandLine;
using ProbeSim.Cli.Parsing;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Cli.Boot;

/// <summary>The options every command that boots a board shares (boot, corpus boot, and later explain, check, diff).</summary>
public sealed class BootArguments
{
    public Option<string?> Profile { get; } = new("--profile", "-p") { Description = "Kernel behaviour profile (probesim profiles lists them; default v6.6)" };
    public Option<string?> Kernel { get; } = new("--kernel") { Description = "Driver set of a real kernel: a directory (written by probesim kernel import, or laid out like ../shared/kernels/debian-bookworm-arm64), or a bundled set: debian-6.1" };
    public Option<string?> Drivers { get; } = new("--drivers") { Description = "Scenario file (YAML) overriding drivers, modules, profile, command line and user actions" };
    public Option<string?> Cmdline { get; } = new("--cmdline") { Description = "Kernel command line (deferred_probe_timeout=, fw_devlink=, fw_devlink.strict=, driver_async_probe=, ...)" };
    public Option<string[]> Set { get; } = new("--set") { Description = "Override a profile switch: NAME=VALUE (repeatable; lists take +item or -item)" };
    public Option<string[]> IncludeDirs { get; } = new("--include-dir", "-I") { Description = "Preprocessor include directory for the board (repeatable)" };
    public Option<string?> Pci { get; } = new("--pci") { Description = "PCI hierarchy below the host bridge: a YAML file (docs/pci-topology.md) or a sysfs dump directory of config files" };
    public Option<bool> PciAllowPartial { get; } = new("--pci-allow-partial") { Description = "Use a --pci sysfs dump whose config files were not read whole (copied without root: 64 bytes each); each such file is reported" };
    public Option<string?> Arch { get; } = new WordOption("--arch", ["arm", "arm64", "x86_64"])
        { Description = "Board architecture: arm or arm64 (default: from the CPU nodes), or x86_64: BOARD is then an ACPI machine directory (docs/acpi-machine.md)" };

    /// <summary>Whether --arch x86_64 was given: the board is an ACPI machine directory.</summary>
    public bool IsX86(ParseResult pr) => pr.GetValue(Arch) == "x86_64";

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
        cmd.Options.Add(PciAllowPartial);
        if (oneBoard) cmd.Options.Add(Arch);
    }

    /// <summary>
    /// Boot options from the parsed command line; the driver source of --kernel is loaded once and shared. Warnings about
    /// the inputs (a --pci dump read in part) go to <paramref name="io"/>'s standard error unless --quiet.
    /// </summary>
    public BootOptions Resolve(ParseResult pr, CliIo io)
    {
        var sets = new List<KeyValuePair<string, string>>();
        foreach (var s in pr.GetValue(Set) ?? [])
        {
            int eq = s.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--set wants NAME=VALUE, got '{s}'");
            sets.Add(new(s[..eq].Trim(), s[(eq + 1)..]));
        }
        // an x86 machine's drivers are an x86 kernel's PCI driver tables (X86Board)
        IDriverSetSource drivers = IsX86(pr) ? X86Board.DriverTables(pr.GetValue(Kernel))
            : pr.GetValue(Kernel) is { } dir ? KernelTables(BundledKernels.Resolve(dir)) : new DefaultDriverSet();
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
            if (Directory.Exists(scenarioPath)) throw new ArgumentException($"--drivers {scenarioPath}: is a directory, not a scenario file");
            if (!File.Exists(scenarioPath)) throw new FileNotFoundException($"{scenarioPath}: No such file or directory");
            options = options.WithScenario(ScenarioFile.Load(scenarioPath), profile is not null);
        }
        var allowPartial = pr.GetValue(PciAllowPartial);
        if (pr.GetValue(Pci) is { } pciPath)
        {
            if (Directory.Exists(pciPath))
            {
                var dump = ProbeSim.Kernel.Pci.PciSysfsDump.Load(pciPath, allowPartial);
                if (!io.Quiet) foreach (var w in dump.Warnings) io.Err.WriteLine(w);
                options = options with { Pci = dump.Single(), PciGivenBy = "--pci" };
            }
            else if (allowPartial) throw new ArgumentException($"--pci-allow-partial is for a sysfs dump directory; --pci {pciPath} is a file");
            else if (File.Exists(pciPath)) options = options with { Pci = ProbeSim.Kernel.Pci.PciTopologyFile.Load(pciPath), PciGivenBy = "--pci" };
            else throw new FileNotFoundException($"{pciPath}: No such file or directory");
        }
        else if (allowPartial) throw new ArgumentException("--pci-allow-partial needs --pci DUMP-DIR (a sysfs dump)");
        if (pr.GetValue(Arch) is { } arch && arch != "x86_64")
            options = options with { Arm32 = arch switch { "arm" => true, "arm64" => false, _ => throw new ArgumentException($"--arch takes arm or arm64, not '{arch}'") } };
        options.ResolveProfile();
        return options;
    }

    /// <summary>The driver tables of --kernel DIR; a directory that is not a driver set is refused naming the option.</summary>
    private static KernelDriverTables KernelTables(string dir)
    {
        try
        {
            return new KernelDriverTables(dir);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DirectoryNotFoundException($"--kernel {e.Message}", e);
        }
    }
}
