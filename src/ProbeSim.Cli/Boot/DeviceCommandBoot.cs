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
        var files = new RunFiles();
        if (BoardOrMachine.Load(pr, io, args, options, pr.GetValue(board)!, files, out exit) is not var (loaded, boardOptions, name)) return null;
        files.Check((output.Name, pr.GetValue(output)));
        io.Report(loaded.Warnings.Where(w => w.Severity == Severity.Error));
        var kernel = boardOptions.CreateKernel(loaded.Tree, name);
        return new DeviceCommandBoot(kernel, kernel.Boot(), files);
    }
}
