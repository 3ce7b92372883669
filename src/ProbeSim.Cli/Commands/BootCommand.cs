using System.CommandLine;
using ProbeSim.Cli.Boot;
using ProbeSim.Cli.Output;
using ProbeSim.Cli.Parsing;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;
using ProbeSim.Reports.Html;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Log;
using ProbeSim.Reports.Sysfs;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim boot</c>: simulate one board's boot and say per device what Linux would do.</summary>
public static class BootCommand
{
    public static Command Create(CliIo io)
    {
        var args = new BootArguments();
        var board = new Argument<string?>("BOARD") { Description = "Board .dts or .dtb (default: the built-in sample board)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<string?>("--json") { Description = "Write the result as JSON to FILE (- for standard output); schema in docs/json.md" };
        var log = new Option<bool>("--log") { Description = "Print the dmesg-style log" };
        var logLevel = new WordOption("--log-level", ["err", "warn", "notice", "info", "debug"], ["error", "warning"])
            { Description = "Lowest log level printed with --log: err, warn, notice, info (default), debug" };
        var all = new Option<bool>("--all") { Description = "Also list DT nodes that never became devices (not-present)" };
        var links = new Option<bool>("--devlinks") { Description = "Print /sys/class/devlink (name, status, sync_state_only)" };
        var sysfs = new Option<bool>("--sysfs") { Description = "Print /sys/kernel/iommu_groups, /sys/class/iommu and each device's iommu_group link as a tree" };
        var notifiers = new Option<bool>("--notifiers") { Description = "Print each device's bus notifier events (BUS_NOTIFY_ADD_DEVICE, BIND_DRIVER, BOUND_DRIVER, DRIVER_NOT_BOUND, ...) with their times" };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report (graph, device table, explain chains) to FILE; docs/html-report.md" };
        var until = new UntilOption();
        var cmd = new Command("boot", "Boot a device tree under a kernel profile and driver set; print per-device outcomes") { board, json, log, logLevel, all, links, sysfs, notifiers, html, until };
        args.AddTo(cmd);
        var views = new BootViewArguments();
        views.AddTo(cmd);
        cmd.SetAction(pr =>
        {
            try
            {
                if (BootConflicts.Find(pr, json, views.Dot, [log, links, sysfs, notifiers, views.Tree], logLevel, log, all) is { } conflict) return io.IoError(conflict);
                var options = UntilOption.Apply(args.Resolve(pr, io), pr.GetValue(until));
                var path = pr.GetValue(board) ?? BoardLoader.SamplePath();
                var files = new RunFiles();
                var sw = System.Diagnostics.Stopwatch.StartNew();
                if (BoardOrMachine.Load(pr, io, args, options, path, files, out int exit) is not var (loaded, boardOptions, boardName)) return exit;
                options = boardOptions;
                files.Check(("--json", pr.GetValue(json)), ("--html", pr.GetValue(html)), ("--dot", views.Resolve(pr).Dot));
                io.Report(loaded.Warnings.Where(w => w.Severity == Severity.Error));
                io.Verbose($"loaded {path} in {sw.ElapsedMilliseconds} ms");
                BootVerbose.Write(io, options);
                sw.Restart();
                var kernel = options.CreateKernel(loaded.Tree, boardName);
                var result = kernel.Boot();
                io.Verbose($"booted in {sw.ElapsedMilliseconds} ms ({result.Devices.Count} devices and nodes, {result.Log.Count} log lines)");
                if (pr.GetValue(html) is { } htmlPath)
                    files.Write("--html", htmlPath, System.Text.Encoding.UTF8.GetBytes(HtmlReport.ToText(w => HtmlReport.WriteBoot(w, BootReportData.Create(result)))));
                var minLevel = ParseLevel(pr.GetValue(logLevel));
                if (minLevel is null) return io.IoError($"unknown log level '{pr.GetValue(logLevel)}'");
                return Print(io, files, result, pr.GetValue(json), pr.GetValue(log), minLevel.Value, pr.GetValue(all), pr.GetValue(links), pr.GetValue(sysfs), pr.GetValue(notifiers), views.Resolve(pr));
            }
            catch (Exception e) when (CliErrors.IsExpected(e)) { return CliErrors.Report(io, e); }
        });
        return cmd;
    }

    internal static LogLevel? ParseLevel(string? text) => text switch
    {
        null or "info" => LogLevel.Info,
        "debug" => LogLevel.Debug,
        "notice" => LogLevel.Notice,
        "warn" or "warning" => LogLevel.Warning,
        "err" or "error" => LogLevel.Err,
        _ => null,
    };

    private static int Print(CliIo io, RunFiles files, BootResult result, string? json, bool log, LogLevel minLevel, bool all, bool links, bool sysfs, bool notifiers, BootView view)
    {
        if (view.Dot == "-" && json == "-") return io.IoError("--dot - and --json - cannot both write to standard output");
        if (view.Dot is not null)
        {
            BootViews.WriteDot(io, files, result, view.Dot, all);
            // --dot - prints only the graph, after the --json FILE is written
            if (view.Dot == "-" && json is null) return ExitCodes.Ok;
        }
        if (json is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(BootJsonWriter.ToJson(result));
            if (json == "-") { io.Out.Write(System.Text.Encoding.UTF8.GetString(bytes)); return ExitCodes.Ok; }
            files.Write("--json", json, bytes);
            if (view.Dot == "-") return ExitCodes.Ok;
        }
        var shown = all ? result.Devices : result.Devices.Where(d => d.State != DeviceState.NotPresent).ToList();
        if (!io.Quiet) io.Out.WriteLine($"{result.Board}: profile {result.Profile}, drivers {result.DriverSet}" + (result.Cmdline.Length > 0 ? $", cmdline \"{result.Cmdline}\"" : ""));
        if (!io.Quiet && StopText.Describe(result) is { } stopped) io.Out.WriteLine(stopped);
        BootViews.WriteDevices(io, shown, view.Tree);
        int hidden = result.Devices.Count - shown.Count;
        if (hidden > 0 && !io.Quiet) io.Out.WriteLine($"({hidden} DT nodes with a compatible never became devices; --all lists them)");
        if (result.DevicesDeferred is { } deferred)
        {
            io.Out.WriteLine();
            io.Out.WriteLine($"/sys/kernel/debug/devices_deferred ({deferred.Count} entries):");
            DevicesDeferredFormatter.Write(io.Out, deferred);
        }
        if (links)
        {
            io.Out.WriteLine();
            DevlinkFormatter.Write(io.Out, result.Devlinks);
        }
        if (sysfs)
        {
            io.Out.WriteLine();
            IommuSysfsFormatter.Write(io.Out, result);
        }
        if (notifiers)
        {
            io.Out.WriteLine();
            NotifierFormatter.Write(io.Out, result.Notifiers);
        }
        if (result.Crash is { } crash)
        {
            io.Out.WriteLine();
            io.Out.WriteLine($"The kernel crashed: {crash}");
        }
        if (log)
        {
            io.Out.WriteLine();
            BootLog.Write(io.Out, result, new DmesgOptions { MinimumLevel = minLevel });
        }
        return ExitCodes.Ok;
    }
}
