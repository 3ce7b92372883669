using ProbeSim.Cli.Output;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Graph;
using ProbeSim.Reports.Text;

namespace ProbeSim.Cli.Boot;

/// <summary>Writes the device listing (table or tree; Spectre.Console on a terminal, plain text otherwise) and the DOT graph.</summary>
public static class BootViews
{
    public static void WriteDevices(CliIo io, IReadOnlyList<DeviceOutcome> shown, bool tree)
    {
        if (io.Interactive)
        {
            var console = io.CreateConsole();
            if (tree) DeviceTreeView.Write(console, shown);
            else DeviceTable.Write(console, shown);
        }
        else if (tree) DeviceTreeView.WritePlain(io.Out, shown);
        else DeviceTable.WritePlain(io.Out, shown);
    }

    /// <summary>Writes the graph to <paramref name="path"/> (<c>-</c>: standard output); not-present nodes only when they supply someone, unless <paramref name="all"/>.</summary>
    public static void WriteDot(CliIo io, RunFiles files, BootResult result, string path, bool all)
    {
        var text = DotWriter.Format(DeviceGraphBuilder.Build(result, all));
        if (path == "-") io.Out.Write(text);
        else files.Write("--dot", path, System.Text.Encoding.UTF8.GetBytes(text));
    }
}
