using System.CommandLine;
using System.Diagnostics;
using ProbeSim.Cli.Boot;
using ProbeSim.Cli.Output;
using ProbeSim.Cli.Parsing;
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
        var jobs = JobsOption.Create("Boards booted at once (default: the number of CPUs)");
        var json = new Option<string?>("--json") { Description = "Write the corpus summary as JSON to FILE (- for standard output)" };
        var jsonl = new Option<string?>("--jsonl") { Description = "Write one JSON line per device (board, device, state, driver, reason, basis) to FILE (- for standard output)" };
        var cmd = new Command("boot", "Boot every board in parallel and summarise device states across the corpus") { root, arch, dtbDir, jobs, json, jsonl };
        args.AddTo(cmd, oneBoard: false); // each board's DMA-mapping code follows its CPU nodes, its includes are the tree's
        cmd.SetAction(pr =>
        {
            try
            {
                if (Conflict(pr.GetValue(root), pr.GetValue(arch), pr.GetValue(dtbDir)) is { } conflict) return io.IoError(conflict);
                var options = args.Resolve(pr, io) with { RecordNotifiers = false };
                var boards = pr.GetValue(dtbDir) is { } dir ? CorpusBoot.FromDtbDirectory(dir) : CorpusBoot.FromKernelTree(pr.GetValue(root)!, pr.GetValue(arch)!);
                BootVerbose.Write(io, options);
                var files = new RunFiles();
                if (pr.GetValue(dtbDir) is { } d) BootInputs.DtbDirectory(files, d, "--dtb-dir");
                else BootInputs.KernelTree(files, pr.GetValue(root)!);
                BootInputs.Record(files, args, pr);
                if (pr.GetValue(json) == "-" && pr.GetValue(jsonl) == "-") return io.IoError("--json - and --jsonl - would both write to standard output: give one of them a FILE");
                files.Check(("--json", pr.GetValue(json)), ("--jsonl", pr.GetValue(jsonl)));
                return Run(io, files, boards, options, pr.GetValue(jobs) ?? Environment.ProcessorCount, pr.GetValue(json), pr.GetValue(jsonl));
            }
            catch (Exception e) when (CliErrors.IsExpected(e)) { return CliErrors.Report(io, e); }
        });
        return cmd;
    }

    /// <summary>The two ways to name the boards, ROOT --arch ARCH or --dtb-dir DIR: exactly one of them, whole (as <c>diff</c> asks).</summary>
    internal static string? Conflict(string? root, string? arch, string? dtbDir)
    {
        if (dtbDir is not null && root is not null) return "give ROOT --arch ARCH, or --dtb-dir DIR, not both";
        if (dtbDir is not null && arch is not null) return "--arch names a directory under ROOT/src; --dtb-dir boots the blobs of DIR: give one of them";
        if (dtbDir is not null) return null;
        if (root is null && arch is null) return "nothing to boot: give ROOT --arch ARCH, or --dtb-dir DIR";
        if (root is null) return "--arch needs ROOT (the kernel tree whose src/ARCH to boot)";
        if (arch is null) return "ROOT needs --arch (arm64, arm, riscv)";
        return null;
    }

    private static int Run(CliIo io, RunFiles files, IReadOnlyList<CorpusBoard> boards, BootOptions options, int jobs, string? json, string? jsonl)
    {
        var lines = new List<(string Board, string Lines)>();
        var profile = options.ResolveProfile().ToString();
        var builder = new CorpusBootSummaryBuilder(profile, options.Drivers.Name);
        var gate = new object();
        var sw = Stopwatch.StartNew();
        void Result(CorpusBoard b, BootResult r)
        {
            var text = jsonl is null ? null : CorpusDeviceLines.ForBoard(r);
            lock (gate)
            {
                builder.Add(r);
                if (text is not null) lines.Add((r.Board, text));
            }
        }
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
        int exit = summary.FailedBoards.Count == 0 ? ExitCodes.Ok : ExitCodes.InputErrors;
        var jsonText = json is null ? null : CorpusBootJsonWriter.ToJson(summary);
        var linesText = jsonl is null ? null : CorpusDeviceLines.Join(lines);
        if (json is not null and not "-") files.Write("--json", json, System.Text.Encoding.UTF8.GetBytes(jsonText!));
        if (jsonl is not null and not "-") files.Write("--jsonl", jsonl, System.Text.Encoding.UTF8.GetBytes(linesText!));
        // a document on standard output replaces the table there
        if (json == "-" || jsonl == "-")
        {
            io.Out.Write(json == "-" ? jsonText : linesText);
            return exit;
        }
        if (io.Interactive) CorpusSummaryTable.Write(io.CreateConsole(), summary);
        else CorpusSummaryTable.WritePlain(io.Out, summary);
        foreach (var f in summary.FailedBoards) io.Err.WriteLine($"FAILED {f.Board}: {f.Error}");
        io.Verbose($"{boards.Count} boards booted in {sw.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} s with {Math.Max(1, jobs)} jobs");
        return summary.FailedBoards.Count == 0 ? ExitCodes.Ok : ExitCodes.InputErrors;
    }
}
