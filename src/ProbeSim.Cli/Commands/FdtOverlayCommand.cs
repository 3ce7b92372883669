using System.CommandLine;
using ProbeSim.Cli.Output;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Overlays;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim fdtoverlay</c>: apply overlays to a base blob, as dtc's fdtoverlay does.</summary>
public static class FdtOverlayCommand
{
    public static Command Create(CliIo io)
    {
        var input = new Option<string>("-i", "--input") { Description = "Base device tree blob (or DTS)", Required = true };
        var output = new Option<string>("-o", "--output") { Description = "Output blob (- for standard output)", Required = true };
        var overlays = new Argument<string[]>("OVERLAY") { Description = "Overlay blobs (.dtbo) or sources (.dtso), applied in order", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("fdtoverlay", "Apply overlays to a base tree (fdtoverlay semantics)") { input, output, overlays };
        cmd.SetAction(pr => Run(io, pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(overlays)!));
        return cmd;
    }

    private static int Run(CliIo io, string input, string output, string[] overlays)
    {
        var files = new RunFiles();
        foreach (var f in overlays.Prepend(input))
            if (InputPath.Problem(f, "a device tree file") is { } problem) return io.IoError(problem);
        files.Input(input, "the base tree (-i)");
        files.Input(overlays, "an overlay");
        try
        {
            bool toStdout = output == "-";
            if (!toStdout) files.Check(("-o", output));
            var loader = new DeviceTreeLoader();
            var options = new LoadOptions();
            options.Compile.GenerateSymbols = true;
            var loaded = loader.Load(input, options);
            files.Input(loaded.Files, "a file the base tree includes");
            var baseTree = loaded.Tree;
            foreach (var o in overlays)
            {
                var overlay = loader.Load(o, options);
                files.Input(overlay.Files, "a file an overlay includes");
                OverlayApplier.Apply(baseTree, overlay.Tree, o);
            }
            // utilfdt_write: "-" is standard output, not a file named "-"
            if (toStdout) io.WriteBinary(FdtWriter.Write(baseTree));
            else files.Write("-o", output, FdtWriter.Write(baseTree));
            return ExitCodes.Ok;
        }
        catch (DeviceTreeException e)
        {
            return io.Fail(e);
        }
        catch (IOException e)
        {
            return io.IoError(e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return io.IoError(e.Message);
        }
    }
}
