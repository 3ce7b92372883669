using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Cli.Boot;
using ProbeSim.Cli.Output;
using ProbeSim.Cli.Parsing;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;
using ProbeSim.Reports.Html;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Text;

namespace ProbeSim.Cli.Commands;

/// <summary>
/// <c>probesim diff</c>: boot every board of a corpus under two sides (profile/kernel/config, or two DTB directories)
/// and report the devices whose outcome changed, grouped by cause; <c>probesim diff merge</c> joins the JSON of slices
/// run with <c>--shard K/N</c>. docs/corpus-diff.md.
/// </summary>
public static class DiffCommand
{
    private const string ExitCodesHelp =
        "Exit status: 0 done (changes or not), 1 usage or I/O error, 2 a board or input file has errors (or merged slices are missing), "
        + "3 a device changed and --fail-on-change was given.";

    public static Command Create(CliIo io)
    {
        var args = new BootArguments();
        var root = new Argument<string?>("ROOT") { Description = "Kernel tree with src/ARCH and include/ (e.g. ../shared/corpus/linux-v7.1)", Arity = ArgumentArity.ZeroOrOne };
        var arch = new Option<string?>("--arch") { Description = "Architecture directory under ROOT/src (arm64, arm, riscv)" };
        var a = new Option<string?>("--a") { Description = "Side a (before): PROFILE/KERNEL/CONFIG, e.g. v4.12-rc1, v6.1/debian-bookworm-arm64, v6.6/default/scenario.yaml" };
        var b = new Option<string?>("--b") { Description = "Side b (after), written like --a" };
        var aDtb = new Option<string?>("--a-dtb") { Description = "Side a boots the .dtb files under DIR (instead of compiling ROOT)" };
        var bDtb = new Option<string?>("--b-dtb") { Description = "Side b boots the .dtb files under DIR; boards are paired by relative path" };
        var kernelsDir = new Option<string>("--kernels-dir") { Description = "Where the KERNEL of a side spec is looked up", DefaultValueFactory = _ => Path.Combine("..", "shared", "kernels") };
        var shard = new Option<string?>("--shard") { Description = "Run slice K of N only (K/N, K from 1): the boards whose index in the sorted list is K-1 modulo N" };
        var jobs = JobsOption.Create("Boards diffed at once (default: the number of CPUs)");
        var json = new Option<string?>("--json") { Description = "Write the diff as JSON to FILE (- for standard output only); schema in docs/corpus-diff.md" };
        var failOnChange = new Option<bool>("--fail-on-change") { Description = "Exit with status 3 when a device changed" };
        var html = HtmlOption();
        var cmd = new Command("diff", "Boot every board under two sides and report the devices whose outcome changed, grouped by cause. " + ExitCodesHelp)
        {
            root, arch, a, b, aDtb, bDtb, kernelsDir, shard, jobs, json, html, failOnChange,
        };
        // the usual boot options, for both sides; --arch here is the corpus directory (the DMA arch comes from the CPU nodes)
        foreach (var o in new Option[] { args.Profile, args.Kernel, args.Drivers, args.Cmdline, args.Set, args.Pci, args.PciAllowPartial }) cmd.Options.Add(o);
        cmd.Subcommands.Add(CreateMerge(io));
        cmd.SetAction(pr =>
        {
            try
            {
                var plan = Plan(io, pr, args, pr.GetValue(root), pr.GetValue(arch), pr.GetValue(a), pr.GetValue(b), pr.GetValue(aDtb), pr.GetValue(bDtb),
                    pr.GetValue(kernelsDir)!, pr.GetResult(kernelsDir) is { Implicit: false }, pr.GetValue(shard));
                var sw = Stopwatch.StartNew();
                var files = new RunFiles();
                DiffInputs.Record(files, pr, args, pr.GetValue(root), pr.GetValue(aDtb), pr.GetValue(bDtb), pr.GetValue(a), pr.GetValue(b), pr.GetValue(kernelsDir)!);
                files.Check(("--json", pr.GetValue(json)), ("--html", pr.GetValue(html)));
                var jobCount = pr.GetValue(jobs) ?? Environment.ProcessorCount;
                var result = Run(io, plan, jobCount);
                io.Verbose(string.Create(CultureInfo.InvariantCulture,
                    $"diffed {plan.Pairs.Count} {(plan.Pairs.Count == 1 ? "board" : "boards")} in {sw.Elapsed.TotalSeconds:F1} s with {jobCount} jobs"));
                return Report(io, files, result, pr.GetValue(json), pr.GetValue(html), pr.GetValue(failOnChange));
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is IOException or UnauthorizedAccessException))
            {
                return io.IoError(e.InnerExceptions[0].Message);
            }
            catch (DiffException e) { return Fail(io, e); }
            catch (Exception e) when (CliErrors.IsExpected(e)) { return CliErrors.Report(io, e); }
        });
        return cmd;
    }

    private static Command CreateMerge(CliIo io)
    {
        var failOnChange = new Option<bool>("--fail-on-change") { Description = "Exit with status 3 when a device changed" };
        var files = new Argument<string[]>("FILE") { Description = "JSON files written by probesim diff --shard K/N --json FILE", Arity = ArgumentArity.OneOrMore };
        var json = new Option<string?>("--json") { Description = "Write the merged diff as JSON to FILE (- for standard output only)" };
        var html = HtmlOption();
        var cmd = new Command("merge", "Join the JSON of the slices of one sharded diff and print the report of the whole. " + ExitCodesHelp) { files, json, html, failOnChange };
        cmd.SetAction(pr =>
        {
            try
            {
                var parts = new List<(string, CorpusDiffResult)>();
                var run = new RunFiles();
                foreach (var f in pr.GetValue(files)!)
                {
                    if (InputPath.Problem(f, "a diff JSON file") is { } problem) return io.IoError(problem);
                    run.Input(f, "a slice of the merge");
                }
                run.Check(("--json", pr.GetValue(json)), ("--html", pr.GetValue(html)));
                foreach (var f in pr.GetValue(files)!) parts.Add((f, CorpusDiffJsonReader.Read(File.ReadAllText(f), f)));
                var merged = DiffMerge.Merge(parts);
                var code = Report(io, run, merged, pr.GetValue(json), pr.GetValue(html), pr.GetValue(failOnChange));
                if (merged.Shard.IsComplete) return code;
                io.Err.WriteLine("probesim: diff merge: slices missing: "
                    + string.Join(", ", merged.Shard.Missing.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m}/{merged.Shard.Count}"))));
                return ExitCodes.InputErrors;
            }
            catch (DiffException e) { return Fail(io, e); }
            catch (IOException e) { return io.IoError(e.Message); }
            catch (UnauthorizedAccessException e) { return io.IoError(e.Message); }
        });
        return cmd;
    }

    private static CorpusDiffPlan Plan(CliIo io, ParseResult pr, BootArguments args, string? root, string? arch, string? specA, string? specB,
        string? dtbA, string? dtbB, string kernelsDir, bool kernelsDirGiven, string? shardText)
    {
        if (root is not null && (dtbA is not null || dtbB is not null)) throw Usage("give ROOT --arch ARCH, or --a-dtb DIR --b-dtb DIR, not both");
        if ((dtbA is null) != (dtbB is null)) throw Usage("--a-dtb and --b-dtb go together");
        if (root is null && dtbA is null) throw Usage("nothing to diff: give ROOT --arch ARCH (with --a and --b), or --a-dtb DIR --b-dtb DIR");
        if (root is not null && arch is null) throw Usage("ROOT needs --arch (arm64, arm, riscv)");
        if (root is null && arch is not null) throw Usage("--arch names a directory under ROOT/src; --a-dtb and --b-dtb boot the blobs of two directories: give one of them");
        if ((specA is null) != (specB is null)) throw Usage("--a and --b go together");
        var sides = specA is not null;
        if (sides && (pr.GetValue(args.Profile) is not null || pr.GetValue(args.Kernel) is not null || pr.GetValue(args.Drivers) is not null))
            throw Usage("--profile, --kernel and --drivers set both sides alike; with --a/--b write them as PROFILE/KERNEL/CONFIG");
        if (!sides && root is not null) throw Usage("both sides would boot the same: give --a and --b (PROFILE/KERNEL/CONFIG)");
        if (!sides && kernelsDirGiven) throw Usage("--kernels-dir is where --a and --b find their KERNEL; without --a and --b it is not used");
        var shard = shardText is null ? Shard.Whole : Shard.Parse(shardText);

        var common = args.Resolve(pr, io);
        BootOptions optionsA = common, optionsB = common;
        DiffSideSpec? parsedA = null, parsedB = null;
        if (sides)
        {
            parsedA = DiffSideSpec.Parse(specA!, "--a");
            parsedB = DiffSideSpec.Parse(specB!, "--b");
            var resolver = new DiffSideResolver(kernelsDir, BundledKernels.Find);
            optionsA = resolver.Resolve(parsedA, common, "--a");
            optionsB = resolver.Resolve(parsedB, common, "--b");
        }

        IReadOnlyList<CorpusBoard> boardsA, boardsB;
        string corpusA, corpusB;
        if (root is not null)
        {
            boardsA = boardsB = CorpusBoot.FromKernelTree(root, arch!);
            corpusA = corpusB = $"{root} ({arch})";
        }
        else
        {
            boardsA = CorpusBoot.FromDtbDirectory(dtbA!);
            boardsB = CorpusBoot.FromDtbDirectory(dtbB!);
            (corpusA, corpusB) = (dtbA!, dtbB!);
        }
        var drivers = pr.GetValue(args.Drivers);
        var a = new DiffSide("a", DiffSideResolver.Describe(parsedA, optionsA, corpusA, drivers), optionsA, boardsA);
        var b = new DiffSide("b", DiffSideResolver.Describe(parsedB, optionsB, corpusB, drivers), optionsB, boardsB);
        return CorpusDiffPlan.Make(a, b, shard);
    }

    private static CorpusDiffResult Run(CliIo io, CorpusDiffPlan plan, int jobs) =>
        io.ShowProgress
            ? CorpusProgress.Run(io, $"diffing {plan.Pairs.Count} boards", plan.Pairs.Count, step => CorpusDiffRunner.Run(plan, jobs, step))
            : CorpusDiffRunner.Run(plan, jobs);

    private static Option<string?> HtmlOption() =>
        new("--html") { Description = "Write a self-contained HTML report of the changes (per board, filterable) to FILE; docs/html-report.md" };

    private static int Report(CliIo io, RunFiles files, CorpusDiffResult result, string? json, string? html, bool failOnChange)
    {
        if (json is not null)
        {
            var text = CorpusDiffJsonWriter.ToJson(result);
            if (json == "-") io.Out.Write(text);
            else files.Write("--json", json, System.Text.Encoding.UTF8.GetBytes(text));
        }
        if (html is not null)
            files.Write("--html", html, System.Text.Encoding.UTF8.GetBytes(HtmlReport.ToText(w => HtmlReport.WriteDiff(w, CorpusDiffJsonWriter.ToReportPayload(result)))));
        // --quiet: the change tables only, without the sides and the summary line
        if (json != "-") CorpusDiffReport.Write(io.Out, result, headings: !io.Quiet);
        foreach (var f in result.Failures) io.Err.WriteLine($"FAILED {f.Board} ({f.Side}): {f.Error}");
        if (result.Failures.Count > 0) return ExitCodes.InputErrors;
        // --fail-on-change: 3, the status the checking commands give when what they check does not hold
        return failOnChange && result.Changes.Count > 0 ? ExitCodes.InvariantBroken : ExitCodes.Ok;
    }

    private static DiffException Usage(string message) => new(DiffErrorKind.Usage, message);

    private static int Fail(CliIo io, DiffException e) => e.Kind == DiffErrorKind.Usage ? io.IoError(e.Message) : io.InputError(e.Message);
}
