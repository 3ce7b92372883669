using System.CommandLine;
using ProbeSim.Cli.Output;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Cli.Boot;

/// <summary>
/// BOARD of a command that boots one board: a device tree (.dts/.dtb), or with <c>--arch x86_64</c> an ACPI machine
/// directory. Loads it, records every file it reads as an input of the run, and gives the options to boot it with.
/// </summary>
public static class BoardOrMachine
{
    /// <summary>The loaded board and the options for it, or null with <paramref name="exit"/> set when BOARD is unusable.</summary>
    public static (LoadResult Loaded, BootOptions Options, string Name)? Load(ParseResult pr, CliIo io, BootArguments args, BootOptions options,
        string path, RunFiles files, out int exit)
    {
        exit = ExitCodes.Ok;
        if (args.IsX86(pr))
        {
            // --arch x86_64: the kernel has no device tree; the machine's tables and PCI dump are the board
            if (!Directory.Exists(path))
            {
                exit = io.IoError($"{path}: not a directory (with --arch x86_64 the board is an ACPI machine directory: tables/, cmdline, pci/)");
                return null;
            }
            var x86 = X86Board.Load(options, path, args, pr, files);
            BootInputs.Record(files, args, pr);
            return (new LoadResult(new DtTree(), InputFormat.Dtb, [], []), x86, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))));
        }
        if (InputPath.Problem(path, "a board file (.dts or .dtb)") is { } problem)
        {
            exit = io.IoError(problem);
            return null;
        }
        var loaded = BoardLoader.Load(path, pr.GetValue(args.IncludeDirs) ?? []);
        BootInputs.Board(files, path, loaded);
        BootInputs.Record(files, args, pr);
        return (loaded, options, Path.GetFileName(path));
    }
}
