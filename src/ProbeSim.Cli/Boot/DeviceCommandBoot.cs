using System.CommandLine;
using ProbeSim.Cli.Output;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Cli.Boot;

/// <summary>
/// The first half of a command that answers about one device of a board (<c>explain</c>, <c>vfio plan</c>): load BOARD,
/// record every input of the run, refuse an output option that would land on one, boot. The kernel stays readable.
/// </summary>
public sealed record DeviceCommandBoot(ProbeSim.Kernel.Boot.Kernel Kernel, BootResult Result, RunFiles Files)
{
    /// <summary>The booted board, or null with <paramref name="exit"/> set when BOARD is not a readable file.</summary>
    public static DeviceCommandBoot? Run(ParseResult pr, CliIo io, BootArguments args, BootOptions options,
        Argument<string> board, Option<string?> output, out int exit)
    {
        exit = ExitCodes.Ok;
        var path = pr.GetValue(board)!;
        if (InputPath.Problem(path, "a board file (.dts or .dtb)") is { } problem)
        {
            exit = io.IoError(problem);
            return null;
        }
        var loaded = BoardLoader.Load(path, pr.GetValue(args.IncludeDirs) ?? []);
        var files = new RunFiles();
        BootInputs.Board(files, path, loaded);
        BootInputs.Record(files, args, pr);
        files.Check((output.Name, pr.GetValue(output)));
        io.Report(loaded.Warnings.Where(w => w.Severity == Severity.Error));
        var kernel = options.CreateKernel(loaded.Tree, Path.GetFileName(path));
        return new DeviceCommandBoot(kernel, kernel.Boot(), files);
    }
}
