using System.CommandLine;
using ProbeSim.Cli.Output;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.X86;

namespace ProbeSim.Cli.Boot;

/// <summary>
/// <c>--arch x86_64</c>: the board is an ACPI machine directory (tables/, cmdline, pci/; docs/acpi-machine.md). The
/// kernel's build options come from <c>--kernel DIR</c>'s config.txt, by default the bundled Debian 12 amd64 one.
/// </summary>
public static class X86Board
{
    /// <summary>The bundled x86 kernel whose .config is used without --kernel.</summary>
    public const string DefaultKernel = "debian-6.1-amd64";

    /// <summary>
    /// Loads the machine into <paramref name="options"/>: its command line is used unless --cmdline was given, and the
    /// files it reads are recorded as inputs of the run.
    /// </summary>
    /// <summary>The x86 kernel's directory: --kernel DIR or NAME, else the bundled Debian 12 amd64 one.</summary>
    public static string KernelDirectory(string? kernel) => kernel is { } k ? BundledKernels.Resolve(k) : BundledKernels.Find(DefaultKernel)
        ?? throw new DirectoryNotFoundException($"the bundled kernel {DefaultKernel} is missing beside the tool");

    /// <summary>The PCI driver tables of the x86 kernel (PciDriverTables); a directory without them is refused naming --kernel.</summary>
    public static PciDriverTables DriverTables(string? kernel)
    {
        var dir = KernelDirectory(kernel);
        var missing = PciDriverTables.RequiredFiles.Where(f => !File.Exists(Path.Combine(dir, f))).ToList();
        if (missing.Count > 0)
            throw new DirectoryNotFoundException($"--kernel {dir}: not an x86 kernel's PCI driver tables (missing {string.Join(", ", missing)}; docs/kernel/x86-drivers.md)");
        return new PciDriverTables(dir, Path.Combine(dir, "config.txt"));
    }

    public static BootOptions Load(BootOptions options, string dir, BootArguments args, ParseResult pr, RunFiles files)
    {
        var kernelDir = KernelDirectory(pr.GetValue(args.Kernel));
        var configPath = Path.Combine(kernelDir, "config.txt");
        if (!File.Exists(configPath))
            throw new FileNotFoundException($"--kernel {kernelDir}: no config.txt (an x86 machine needs the kernel's .config)");
        files.Input(configPath, "the kernel's .config");
        BootInputs.KernelTables(files, kernelDir, "--kernel");
        var inputs = X86MachineInputs.Load(dir, X86KernelConfig.Load(configPath));
        files.InputDirectory(Path.Combine(dir, "tables"), "an ACPI table of the machine", _ => true, recursive: false);
        var cmdlineFile = Path.Combine(dir, "cmdline");
        if (File.Exists(cmdlineFile)) files.Input(cmdlineFile, "the machine's command line");
        if (inputs.Acpi.PciDumpDirectory is { } pci) files.InputDirectory(pci, "a config file of the machine's PCI dump", BootInputs.IsPciConfig);
        // the machine's own command line comes first (a scenario's is added after it); --cmdline replaces it
        var cmdline = pr.GetValue(args.Cmdline) is null && inputs.Acpi.CommandLine is { } machineCmdline
            ? string.Join(" ", new[] { machineCmdline.Trim(), options.Cmdline }.Where(s => s.Length > 0))
            : options.Cmdline;
        return options with { X86 = inputs, Cmdline = cmdline };
    }
}
