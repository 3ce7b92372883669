using System.CommandLine;
using ProbeSim.Checking.Vfio;
using ProbeSim.Cli.Boot;
using ProbeSim.Cli.Output;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Vfio;

namespace ProbeSim.Cli.Commands;

/// <summary>
/// <c>probesim vfio plan BOARD DEVICE</c>: boots the board, then says whether DEVICE's IOMMU group is viable for VFIO now
/// and which sysfs writes, in order, make it so and bind DEVICE to vfio-pci; refuses when a group-mate is unsafe to take.
/// </summary>
public static class VfioPlanCommand
{
    public static Command Create(CliIo io)
    {
        var args = new BootArguments();
        var board = new Argument<string>("BOARD") { Description = "Board .dts or .dtb, or with --arch x86_64 an ACPI machine directory" };
        var device = new Argument<string>("DEVICE") { Description = "Device name (0000:01:00.0), DT path or label" };
        var json = new Option<string?>("--json") { Description = "Write the plan as JSON to FILE (- for standard output); schema in docs/json.md" };
        var cmd = new Command("plan", "Boot the board, then plan handing DEVICE to VFIO: its IOMMU group, viability now, and the sysfs commands that make it viable") { board, device, json };
        args.AddTo(cmd);
        cmd.SetAction(pr =>
        {
            try
            {
                var options = args.Resolve(pr, io);
                if (DeviceCommandBoot.Run(pr, io, args, options, board, json, out int exit) is not var (_, result, files)) return exit;
                var plan = VfioPlanner.Plan(result, pr.GetValue(device)!);
                var code = plan.Refused ? ExitCodes.PlanRefused : ExitCodes.Ok;
                if (VfioPlanText.RefusalLine(plan) is { } line) io.Err.WriteLine("probesim: " + OneLine.Of(line));
                if (pr.GetValue(json) is { } j)
                {
                    var text = VfioPlanJsonWriter.ToJson(plan, result.Board, result.Profile);
                    if (j == "-") { io.Out.Write(text); return code; }
                    files.Write("--json", j, System.Text.Encoding.UTF8.GetBytes(text));
                }
                io.Out.WriteLine($"{result.Board}: profile {result.Profile}, drivers {result.DriverSet}");
                if (ProbeSim.Reports.Log.StopText.Describe(result) is { } stopped) io.Out.WriteLine(stopped);
                VfioPlanText.Write(io.Out, plan);
                return code;
            }
            catch (Exception e) when (CliErrors.IsExpected(e)) { return CliErrors.Report(io, e); }
        });
        return cmd;
    }
}
