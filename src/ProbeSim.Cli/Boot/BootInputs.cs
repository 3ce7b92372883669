using System.CommandLine;
using ProbeSim.Cli.Output;
using ProbeSim.DeviceTree;

namespace ProbeSim.Cli.Boot;

/// <summary>Records the files the boot options read (<c>--drivers</c>, <c>--pci</c>, <c>--kernel</c>) as inputs of the run.</summary>
public static class BootInputs
{
    public static void Record(RunFiles files, BootArguments args, ParseResult pr)
    {
        if (pr.GetValue(args.Drivers) is { } scenario) files.Input(scenario, "the --drivers scenario");
        if (pr.GetValue(args.Pci) is { } pci)
        {
            if (Directory.Exists(pci)) files.InputDirectory(pci, "a config file of the --pci dump", IsPciConfig);
            else files.Input(pci, "the --pci topology");
        }
        if (pr.GetValue(args.Kernel) is { } kernel) KernelTables(files, BundledKernels.Resolve(kernel), "--kernel");
    }

    /// <summary>The board and every file its loading read (includes, /incbin/ files).</summary>
    public static void Board(RunFiles files, string path, LoadResult loaded)
    {
        files.Input(path, "the board");
        files.Input(loaded.Files, "a file the board includes");
    }

    /// <summary>A kernel's driver tables: every file directly in its directory.</summary>
    public static void KernelTables(RunFiles files, string dir, string option) =>
        files.InputDirectory(dir, $"a driver table of {option}", _ => true, recursive: false);

    /// <summary>The files a PCI sysfs dump is read from (PciSysfsDump reads each function's <c>config</c>).</summary>
    public static bool IsPciConfig(string name) => name == "config";

    /// <summary>A kernel tree's sources: every file below ROOT/src and ROOT/include (boards, their includes and /incbin/ files).</summary>
    public static void KernelTree(RunFiles files, string root)
    {
        files.InputDirectory(Path.Combine(root, "src"), $"a source of the kernel tree {root}", _ => true);
        files.InputDirectory(Path.Combine(root, "include"), $"a header of the kernel tree {root}", _ => true);
    }

    /// <summary>The blobs of a <c>--dtb-dir</c> (every <c>.dtb</c> below it).</summary>
    public static void DtbDirectory(RunFiles files, string dir, string option) =>
        files.InputDirectory(dir, $"a board of {option}", n => n.EndsWith(".dtb", StringComparison.Ordinal));
}
