using System.CommandLine;
using System.Text;
using ProbeSim.Cli.Output;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Reports.KernelDrivers;

namespace ProbeSim.Cli.Commands;

/// <summary>
/// <c>probesim kernel driver QUERY --kernel DIR</c>: what an imported driver set knows of a driver (docs/kernel/driver-reports.md).
/// The driver set is read by <c>readDriverSet</c> (null: the directory holds tables but no import).
/// </summary>
public static class KernelDriverCommand
{
    public static Command Create(CliIo io, Func<string, ImportedKernel?> readDriverSet)
    {
        var query = new Argument<string>("QUERY") { Description = "Driver name, driver id (FILE:SYMBOL), compatible, i2c/spi/platform id or amba periphid (hex)" };
        var kernel = KernelOption();
        var json = new Option<string?>("--json") { Description = "Write the report as JSON to FILE (- for standard output); schema in docs/kernel/driver-reports.md" };
        var cmd = new Command("driver", "What the imported kernel knows of a driver: match, build, initcall, early init, probe plan, children, unknowns, each with its source file:line")
            { query, kernel, json };
        cmd.SetAction(pr =>
        {
            try
            {
                var files = new RunFiles();
                var dir = ProbeSim.Cli.Boot.BundledKernels.Resolve(pr.GetValue(kernel)!);
                if (Load(io, files, dir, readDriverSet, ("--json", pr.GetValue(json))) is not { } k) return ExitCodes.InputErrors;
                var q = pr.GetValue(query)!;
                var report = DriverReport.Find(k, q);
                if (!report.Found)
                {
                    var hint = report.Suggestions.Count == 0 ? "" : "; did you mean " + string.Join(", ", report.Suggestions) + "?";
                    io.Err.WriteLine("probesim: " + OneLine.Of($"no driver or early init of --kernel {dir} matches '{q}'{hint}"));
                    return ExitCodes.InputErrors;
                }
                if (pr.GetValue(json) is { } j)
                {
                    var text = DriverReportJson.ToJson(report);
                    if (j == "-") { io.Out.Write(text); return ExitCodes.Ok; }
                    files.Write("--json", j, Encoding.UTF8.GetBytes(text));
                }
                DriverReportText.Write(io.Out, report);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (CliErrors.IsExpected(e)) { return CliErrors.Report(io, e); }
        });
        return cmd;
    }

    /// <summary>The required <c>--kernel DIR</c> of the kernel report commands.</summary>
    internal static Option<string> KernelOption() =>
        new("--kernel") { Description = "Imported driver set (written by probesim kernel import)", Required = true };

    /// <summary>
    /// Checks that <paramref name="dir"/> is a driver set (one line naming --kernel, exit 1, when not), records its files
    /// as inputs, checks the outputs against them, then reads the import; null when the set has no import (reported in one line).
    /// </summary>
    internal static ImportedKernel? Load(CliIo io, RunFiles files, string dir, Func<string, ImportedKernel?> read, params (string Option, string? Path)[] outputs)
    {
        try
        {
            KernelTableDirectory.Check(dir);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DirectoryNotFoundException($"--kernel {e.Message}", e);
        }
        files.InputDirectory(dir, "a file of the --kernel driver set", _ => true);
        files.Check(outputs);
        if (read(dir) is { } kernel) return kernel;
        io.Err.WriteLine("probesim: " + OneLine.Of($"--kernel {dir}: a driver set without an import (tables only, no driver facts); make one with 'probesim kernel import'"));
        return null;
    }
}
