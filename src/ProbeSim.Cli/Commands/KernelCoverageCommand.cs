using System.CommandLine;
using System.Text;
using ProbeSim.Cli.Output;
using ProbeSim.Cli.Parsing;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Reports.KernelDrivers;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim kernel coverage --kernel DIR</c>: the share of an imported kernel's drivers and facts known (docs/kernel/driver-reports.md).</summary>
public static class KernelCoverageCommand
{
    public const int DefaultTop = 10;

    public static Command Create(CliIo io, Func<string, ImportedKernel?> readDriverSet)
    {
        var kernel = KernelDriverCommand.KernelOption();
        var json = new Option<string?>("--json") { Description = "Write the coverage as JSON to FILE (- for standard output); schema in docs/kernel/driver-reports.md" };
        var top = new WholeNumberOption<int>("--top", 1, 100_000) { Description = $"Unknown fact kinds and reasons listed, most frequent first (default {DefaultTop}; the rest in one line)" };
        var cmd = new Command("coverage", "How much of an imported kernel is known: drivers by bus and build, probe plans complete, partial or missing, unknown facts by kind and reason")
            { kernel, json, top };
        cmd.SetAction(pr =>
        {
            try
            {
                var files = new RunFiles();
                var dir = ProbeSim.Cli.Boot.BundledKernels.Resolve(pr.GetValue(kernel)!);
                if (KernelDriverCommand.Load(io, files, dir, readDriverSet, ("--json", pr.GetValue(json))) is not { } k) return ExitCodes.InputErrors;
                var report = CoverageReport.Of(k);
                if (pr.GetValue(json) is { } j)
                {
                    var text = CoverageReportJson.ToJson(report);
                    if (j == "-") { io.Out.Write(text); return ExitCodes.Ok; }
                    files.Write("--json", j, Encoding.UTF8.GetBytes(text));
                }
                CoverageReportText.Write(io.Out, report, pr.GetValue(top) ?? DefaultTop);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (CliErrors.IsExpected(e)) { return CliErrors.Report(io, e); }
        });
        return cmd;
    }
}
