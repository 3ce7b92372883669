using System.CommandLine;
using System.Diagnostics;
using ProbeSim.Cli.Boot;
using ProbeSim.Cli.Output;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;
using ProbeSim.Reports.Corpus;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Text;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim corpus boot</c>: boot every board of a kernel tree (or a directory of DTBs) and summarise device states.</summary>
public static class CorpusBootCommand
{
    public static Command Create(CliIo io)
    {
        var args = new BootArguments();
        var root = new Argument<string?>("ROOT") { Description = "Kernel tree with src/ARCH and include/ (e.g. ../shared/corpus/linux-v7.1)", Arity = ArgumentArity.ZeroOrOne };
        var arch = new Option<string?>("--arch") { Description = "Architecture directory under src/ (arm64, arm, riscv)" };
        var dtbDir = new Option<string?>("--dtb-dir") { Description = "Boot the .dtb files under DIR instead of compiling a kernel tree" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Boards booted at once (default: the number of CPUs)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<string?>("--json") { Description = "Write the corpus summary as JSON to FILE (- for standard output)" };
        var cmd = new Command("boot", "Boot every board in parallel and summarise device states across the corpus") { root, arch, dtbDir, jobs, json };
        args.AddTo(cmd, withArch: false); // each board's DMA-mapping code follows its CPU nodes
        cmd.SetAction(pr =>
        {
            try
            {
                var options = args.Resolve(pr, io) with { RecordNotifiers = false };
                IReadOnlyList<CorpusBoard> boards;
                if (pr.GetValue(dtbDir) is { } dir) boards = CorpusBoot.FromDtbDirectory(dir);
                else if (pr.GetValue(root) is { } r && pr.GetValue(arch) is { } a) boards = CorpusBoot.FromKernelTree(r, a);
                else return io.IoError("give ROOT with --arch, or --dtb-dir DIR");
                BootVerbose.Write(io, options);
                var files = new RunFiles();
                if (pr.GetValue(dtbDir) is { } d) BootInputs.DtbDirectory(files, d, "--dtb-dir");
                else BootInputs.KernelTree(files, pr.GetValue(root)!);
                BootInputs.Record(files, args, pr);
                files.Check(("--json", pr.GetValue(json)));
                return Run(io, files, boards, options, pr.GetValue(jobs), pr.GetValue(json));
            }
            catch (Exception e) when (CliErrors.IsExpected(e)) { return CliErrors.Report(io, e); }
        });
        return cmd;
    }

    private static int Run(CliIo io, RunFiles files, IReadOnlyList<CorpusBoard> boards, BootOptions options, int jobs, string? json)
    {
        var profile = options.ResolveProfile().ToString();
        var builder = new CorpusBootSummaryBuilder(profile, options.Drivers.Name);
        var gate = new object();
        var sw = Stopwatch.StartNew();
        void Result(CorpusBoard b, BootResult r) { lock (gate) builder.Add(r); }
        void Failure(CorpusBoard b, CorpusBootFailure f) { lock (gate) builder.AddFailure(f.Board, f.Error); }
        try
        {
            if (io.ShowProgress)
                CorpusProgress.Run(io, $"booting {boards.Count} boards", boards.Count, step =>
                {
                    CorpusBoot.Run(boards, options, jobs, (b, r) => { Result(b, r); step(); }, (b, f) => { Failure(b, f); step(); });
                    return 0;
                });
            else CorpusBoot.Run(boards, options, jobs, Result, Failure);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is IOException or UnauthorizedAccessException))
        {
            return io.IoError(e.InnerExceptions[0].Message);
        }
        var summary = builder.Build();
        if (json is not null)
        {
            var text = CorpusBootJsonWriter.ToJson(summary);
            if (json == "-") { io.Out.Write(text); return summary.FailedBoards.Count == 0 ? ExitCodes.Ok : ExitCodes.InputErrors; }
            files.Write("--json", json, System.Text.Encoding.UTF8.GetBytes(text));
        }
        if (io.Interactive) CorpusSummaryTable.Write(io.CreateConsole(), summary);
        else CorpusSummaryTable.WritePlain(io.Out, summary);
        foreach (var f in summary.FailedBoards) io.Err.WriteLine($"FAILED {f.Board}: {f.Error}");
        io.Verbose($"{boards.Count} boards booted in {sw.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} s with {Math.Max(1, jobs)} jobs");
        return summary.FailedBoards.Count == 0 ? ExitCodes.Ok : ExitCodes.InputErrors;
    }
}
