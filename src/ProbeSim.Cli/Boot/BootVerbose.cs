using ProbeSim.Kernel.Boot;

namespace ProbeSim.Cli.Boot;

/// <summary>What <c>--verbose</c> says about a boot's inputs before it runs: profile, switches (overrides marked), driver set, command line, architecture.</summary>
public static class BootVerbose
{
    public static void Write(CliIo io, BootOptions options)
    {
        if (!io.IsVerbose) return;
        var profile = options.ResolveProfile();
        io.Verbose($"profile {profile.Name}: {profile.Description}");
        io.Verbose($"driver set {options.Drivers.Name}");
        io.Verbose($"command line \"{options.Cmdline}\"");
        io.Verbose("architecture " + (options.Arm32 switch { true => "arm", false => "arm64", null => "from the CPU nodes" }));
        if (options.Pci is not null) io.Verbose("PCI hierarchy given below the host bridge");
        foreach (var (name, value) in profile.Values)
            io.Verbose($"  {name} = {(value.Length == 0 ? "(empty)" : value)}{(profile.Overridden.Contains(name) ? "   (--set)" : "")}");
    }
}
