using System.CommandLine;
using ProbeSim.Checking.Explain;
using ProbeSim.Cli.Boot;
using ProbeSim.Cli.Output;
using ProbeSim.Cli.Parsing;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;
using ProbeSim.Reports.Explain;
using ProbeSim.Reports.Json;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim explain BOARD DEVICE</c>: why one device ended as it did, down to the root causes.</summary>
public static class ExplainCommand
{
    public static Command Create(CliIo io)
    {
        var args = new BootArguments();
        var board = new Argument<string>("BOARD") { Description = "Board .dts or .dtb" };
        var device = new Argument<string>("DEVICE") { Description = "Device name (e6740000.iommu), DT path (/soc/iommu@e6740000) or label (ipmmu_mx)" };
        var json = new Option<string?>("--json") { Description = "Write the explanation as JSON to FILE (- for standard output); schema in docs/json.md" };
        var until = new UntilOption();
        var cmd = new Command("explain", "Explain why a device ended as it did: its supplier chain down to the root causes, the IOMMU decision, its log lines") { board, device, json, until };
        args.AddTo(cmd);
        cmd.SetAction(pr =>
        {
            try
            {
                var options = UntilOption.Apply(args.Resolve(pr, io), pr.GetValue(until));
                if (DeviceCommandBoot.Run(pr, io, args, options, board, json, out int exit) is not var (_, result, files)) return exit;
                var e = Explainer.Explain(result, pr.GetValue(device)!);
                if (pr.GetValue(json) is { } j)
                {
                    var text = ExplanationJsonWriter.ToJson(e, result.Board, result.Profile);
                    if (j == "-") { io.Out.Write(text); return ExitCodes.Ok; }
                    files.Write("--json", j, System.Text.Encoding.UTF8.GetBytes(text));
                }
                io.Out.WriteLine($"{result.Board}: profile {result.Profile}, drivers {result.DriverSet}");
                if (ProbeSim.Reports.Log.StopText.Describe(result) is { } stopped) io.Out.WriteLine(stopped);
                ExplanationText.Write(io.Out, e);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (CliErrors.IsExpected(e)) { return CliErrors.Report(io, e); }
        });
        return cmd;
    }
}
