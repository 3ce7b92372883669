using System.CommandLine;
using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.Cli.Boot;
using ProbeSim.Cli.Output;
using ProbeSim.Cli.Parsing;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;
using ProbeSim.Reports.Checking;
using ProbeSim.Reports.Json;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim check BOARD</c>: explore orderings and faults of a boot and report broken invariants with minimal traces.</summary>
public static class CheckCommand
{
    /// <summary>The largest <c>--time</c>: about 31 years, far below what a <see cref="TimeSpan"/> holds.</summary>
    public const double MaxSeconds = 1e9;

    public static Command Create(CliIo io)
    {
        var args = new BootArguments();
        var board = new Argument<string?>("BOARD") { Description = "Board .dts or .dtb (default: the built-in sample board)", Arity = ArgumentArity.ZeroOrOne };
        var faults = new Option<string?>("--faults") { Description = "Faults to inject: defer[@N], defer:DEV[@N], probe[:DEV][@N]=ERRNO, nomem[:DEV], domain-alloc, iommu-fail[:DEV][=ERRNO], iommu-no-register[:DEV], banks[:IOMMU]=N, unbind, max=N (docs/checking.md)" }
            .Checked(f => FaultSpec.Parse(f));
        var choices = new Option<string?>("--choices") { Description = "Choice points to explore: order, async, window, modules, faults, unbind (comma-separated; default all)" }
            .Checked(c => ExplorationOptions.ParseChoices(c));
        var strategy = new WordOption("--strategy", ["exhaustive", "random", "pct"]) { Description = "exhaustive (default), random or pct" };
        var budget = new WholeNumberOption<int>("--budget", 1, int.MaxValue) { Description = "At most N schedules", HelpName = "N" };
        var time = new SecondsOption("--time", MaxSeconds) { Description = "Stop after T seconds", HelpName = "T" };
        var seed = new WholeNumberOption<int>("--seed", int.MinValue, int.MaxValue) { Description = "Seed of random and PCT schedules (default 1)", HelpName = "S" };
        var replay = new Option<string?>("--replay") { Description = "Run one schedule from a report's replay string (POSITION:OPTION,...)" }
            .Checked(r => ReplayString.Parse(r));
        var invariants = new Option<string?>("--invariants") { Description = "Comma-separated invariants to check (default: all; probesim invariants lists them)" }
            .Checked(i => InvariantTable.Select(i));
        var json = new Option<string?>("--json") { Description = "Write the findings as JSON to FILE (- for standard output); schema in docs/json.md" };
        var noShrink = new Option<bool>("--no-shrink") { Description = "Report each violation with the schedule that found it, unshrunk" };
        // the re-booting explorer, for comparison with the forking one (docs/checking.md): hidden, not a user's choice
        var noFork = new Option<bool>("--no-fork") { Description = "Re-boot every schedule instead of forking at a registration boundary", Hidden = true };
        var html = new Option<string?>("--html") { Description = "Write the findings as a self-contained HTML report (each trace step by step, with the default boot's graph) to FILE" };
        var cmd = new Command("check", "Explore orderings (link order, async probes, module loads, deferred-retry windows) and injected faults; report broken invariants with minimal traces")
            { board, faults, choices, strategy, budget, time, seed, replay, invariants, json, noShrink, noFork, html };
        args.AddTo(cmd);
        cmd.SetAction(pr =>
        {
            try
            {
                if (Conflict(pr, replay, [strategy, budget, time, seed]) is { } conflict) return io.IoError(conflict);
                if (pr.GetValue(seed) is not null && (pr.GetValue(strategy) ?? "exhaustive") == "exhaustive")
                    return io.IoError("--seed is for --strategy random or pct (the exhaustive search has no randomness)");
                var options = args.Resolve(pr, io);
                var path = pr.GetValue(board) ?? BoardLoader.SamplePath();
                if (InputPath.Problem(path, "a board file (.dts or .dtb)") is { } problem) return io.IoError(problem);
                var loaded = BoardLoader.Load(path, pr.GetValue(args.IncludeDirs) ?? []);
                var files = new RunFiles();
                BootInputs.Board(files, path, loaded);
                BootInputs.Record(files, args, pr);
                files.Check(("--json", pr.GetValue(json)), ("--html", pr.GetValue(html)));
                io.Report(loaded.Warnings.Where(w => w.Severity == ProbeSim.DeviceTree.Model.Severity.Error));
                var eo = new ExplorationOptions
                {
                    Strategy = (pr.GetValue(strategy) ?? "exhaustive") switch
                    {
                        "exhaustive" => Strategy.Exhaustive,
                        "random" => Strategy.Random,
                        "pct" => Strategy.Pct,
                        var s => throw new ArgumentException($"--strategy takes exhaustive, random or pct, not '{s}'"),
                    },
                    Budget = pr.GetValue(budget),
                    TimeLimit = pr.GetValue(time) is double t ? TimeSpan.FromSeconds(t) : null,
                    Seed = pr.GetValue(seed) ?? 1,
                    Faults = FaultSpec.Parse(pr.GetValue(faults)),
                    Choices = ExplorationOptions.ParseChoices(pr.GetValue(choices)),
                    Invariants = InvariantTable.Select(pr.GetValue(invariants)),
                    Replay = pr.GetValue(replay) is { } rp ? ReplayString.Parse(rp) : null,
                    Shrink = !pr.GetValue(noShrink),
                    Fork = !pr.GetValue(noFork),
                };
                var prepared = options.Prepare(loaded.Tree, Path.GetFileName(path));
                var report = new Explorer(prepared, eo).Run();
                if (pr.GetValue(json) is { } j)
                {
                    var text = ExplorationJsonWriter.ToJson(report);
                    if (j == "-") io.Out.Write(text);
                    else files.Write("--json", j, System.Text.Encoding.UTF8.GetBytes(text));
                }
                if (pr.GetValue(html) is { } htmlPath)
                {
                    var kernel = options.CreateKernel(loaded.Tree, Path.GetFileName(path));
                    var result = kernel.Boot();
                    var page = ProbeSim.Reports.Html.HtmlReport.ToText(w => ProbeSim.Reports.Html.HtmlReport.WriteCheck(w,
                        ExplorationJsonWriter.ToJson(report), ProbeSim.Reports.Html.BootReportData.Create(result)));
                    files.Write("--html", htmlPath, System.Text.Encoding.UTF8.GetBytes(page));
                }
                if (pr.GetValue(json) != "-") ExplorationText.Write(io.Out, report);
                return report.HasErrors ? ExitCodes.InvariantBroken : ExitCodes.Ok;
            }
            catch (Exception e) when (CliErrors.IsExpected(e)) { return CliErrors.Report(io, e); }
        });
        return cmd;
    }

    // --replay runs the one schedule it names: the options that pick and bound schedules would be ignored
    private static string? Conflict(ParseResult pr, Option replay, IEnumerable<Option> exploring) =>
        pr.GetResult(replay) is { Implicit: false } && exploring.FirstOrDefault(o => pr.GetResult(o) is { Implicit: false }) is { } o
            ? $"--replay runs one schedule; {o.Name} does not apply to it"
            : null;
}
