using System.CommandLine;
using System.Diagnostics;
using ProbeSim.Cli.Boot;
using ProbeSim.Cli.Output;
using ProbeSim.Cli.Parsing;
using ProbeSim.DeviceTree.Corpus;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim corpus ...</c>: whole kernel trees at once.</summary>
public static class CorpusCommand
{
    public static Command Create(CliIo io)
    {
        var cmd = new Command("corpus", "Work on every board of a kernel tree (ROOT/src/ARCH/**/*.dts)");
        cmd.Subcommands.Add(CreateBuild(io));
        cmd.Subcommands.Add(CorpusBootCommand.Create(io));
        return cmd;
    }

    private static Command CreateBuild(CliIo io)
    {
        var root = new Argument<string>("ROOT") { Description = "Kernel tree with src/ARCH and include/ (e.g. ../shared/corpus/linux-v7.1)" };
        var arch = new Option<string>("--arch") { Description = "Architecture directory under src/ (arm64, arm, riscv)", Required = true };
        var outDir = new Option<string>("-o", "--out") { Description = "Output directory (blobs keep the boards' relative paths)", Required = true };
        var jobs = JobsOption.Create("Boards built at once (default: the number of CPUs)");
        var cmd = new Command("build", "Compile every board and overlay like the kernel's dts Makefile, in parallel") { root, arch, outDir, jobs };
        cmd.SetAction(pr => Build(io, pr.GetValue(root)!, pr.GetValue(arch)!, pr.GetValue(outDir)!, pr.GetValue(jobs) ?? Environment.ProcessorCount));
        return cmd;
    }

    private static int Build(CliIo io, string root, string arch, string outDir, int jobs)
    {
        IReadOnlyList<BoardSource> boards;
        try
        {
            boards = KernelDtsTree.Boards(root, arch);
        }
        catch (DirectoryNotFoundException e)
        {
            return io.IoError(e.Message);
        }
        var files = new RunFiles();
        BootInputs.KernelTree(files, root);
        try
        {
            RunFiles.OutputDirectory("-o", outDir);
        }
        catch (OutputException e)
        {
            return io.IoError(e.Message);
        }
        var builder = new CorpusBuilder(root);
        var sw = Stopwatch.StartNew();
        IReadOnlyList<BoardBuildResult> results;
        void Save(BoardBuildResult r)
        {
            if (r.Blob is not null) files.WriteBelow("-o", outDir, r.Board.OutputRelativePath, r.Blob);
        }
        try
        {
            results = io.ShowProgress
                ? CorpusProgress.Run(io, $"{arch}: {boards.Count} sources", boards.Count, step => builder.BuildAll(boards, jobs, _ => step(), Save))
                : builder.BuildAll(boards, jobs, null, Save);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is IOException or UnauthorizedAccessException))
        {
            return io.IoError(e.InnerExceptions[0].Message);
        }
        var failed = results.Where(r => !r.Succeeded).ToList();
        foreach (var f in failed)
        {
            io.Err.WriteLine($"FAILED {f.Board.RelativePath}");
            io.Report(f.Diagnostics);
        }
        var boardsCount = results.Count(r => !r.Board.IsOverlay);
        var overlays = results.Count - boardsCount;
        if (!io.Quiet) io.Out.WriteLine($"{boardsCount} boards, {overlays} overlays, {failed.Count} failed");
        io.Verbose($"{results.Count} sources compiled in {sw.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} s with {Math.Max(1, jobs)} jobs");
        return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.InputErrors;
    }
}
