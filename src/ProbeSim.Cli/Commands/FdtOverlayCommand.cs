using System.CommandLine;
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
        var output = new Option<string>("-o", "--output") { Description = "Output blob", Required = true };
        var overlays = new Argument<string[]>("OVERLAY") { Description = "Overlay blobs (.dtbo) or sources (.dtso), applied in order", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("fdtoverlay", "Apply overlays to a base tree (fdtoverlay semantics)") { input, output, overlays };
        cmd.SetAction(pr => Run(io, pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(overlays)!));
        return cmd;
    }

    private static int Run(CliIo io, string input, string output, string[] overlays)
    {
        foreach (var f in overlays.Prepend(input))
        {
            if (!File.Exists(f)) return io.IoError($"{f}: No such file or directory");
            if (OutputFile.SamePath(f, output)) return io.IoError($"refusing to overwrite the input file {f} with the output");
        }
        try
        {
            var loader = new DeviceTreeLoader();
            var options = new LoadOptions();
            options.Compile.GenerateSymbols = true;
            var baseTree = loader.Load(input, options).Tree;
            foreach (var o in overlays) OverlayApplier.Apply(baseTree, loader.Load(o, options).Tree, o);
            OutputFile.Write(output, FdtWriter.Write(baseTree));
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
