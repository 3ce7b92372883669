using System.Diagnostics;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Graph;
using Xunit.Abstractions;

namespace ProbeSim.Reports.Tests.Graph;

public class DotWriterTests
{
    private readonly ITestOutputHelper _out;

    public DotWriterTests(ITestOutputHelper output) => _out = output;

    private static string Dot(BootResult? r = null, bool all = false) => DotWriter.Format(DeviceGraphBuilder.Build(r ?? GraphSample.Result(), all));

    [Fact]
    public void Is_one_digraph_with_balanced_braces_and_closed_strings()
    {
        var dot = Dot();
        Assert.StartsWith("digraph \"probesim\" {\n", dot);
        Assert.EndsWith("}\n", dot);
        Assert.True(DotText.Balanced(dot));
        Assert.DoesNotContain('\r', dot);
    }

    [Fact]
    public void Every_node_is_declared_once_and_every_edge_joins_declared_nodes()
    {
        var dot = Dot();
        var ids = DotText.NodeIds(dot).Where(i => !i.StartsWith("legend:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["platform:3000.mmc", "platform:1000.clk", "amba:2000.serial", "platform:4000.iommu", "of:/soc/pinctrl/uart-pins", "iommu:smmu0"], ids);
        var edges = DotText.Edges(dot);
        Assert.Equal(5, edges.Count);
        Assert.All(edges, e => { Assert.Contains(e.From, ids); Assert.Contains(e.To, ids); });
        Assert.Contains(edges, e => e is { From: "amba:2000.serial", To: "platform:1000.clk" } && e.Attrs.Contains("label=\"available\""));
        Assert.Contains(edges, e => e is { From: "amba:2000.serial", To: "of:/soc/pinctrl/uart-pins" } && e.Attrs.Contains("style=dotted"));
    }

    [Fact]
    public void An_iommu_group_is_a_cluster_that_declares_its_devices()
    {
        var dot = Dot();
        int open = dot.IndexOf("subgraph \"cluster_iommu_group_0\" {\n", StringComparison.Ordinal);
        Assert.True(open > 0);
        int close = dot.IndexOf("\n  }\n", open, StringComparison.Ordinal);
        var cluster = dot[open..close];
        Assert.Contains("label=\"iommu_group 0: DMA\"", cluster);
        Assert.Equal(["platform:3000.mmc"], DotText.NodeIds(cluster));
    }

    [Fact]
    public void Nodes_are_filled_by_state()
    {
        var dot = Dot(all: true);
        Assert.Contains("fillcolor=\"#c8e6c9\"", DotText.NodeAttrs(dot, "platform:1000.clk"));   // bound: green
        Assert.Contains("fillcolor=\"#fff59d\"", DotText.NodeAttrs(dot, "amba:2000.serial"));    // deferred: yellow
        Assert.Contains("style=\"rounded,filled,dashed\"", DotText.NodeAttrs(dot, "of:/soc/usb@5000")); // disabled
        Assert.Contains("shape=hexagon", DotText.NodeAttrs(dot, "iommu:smmu0"));
        Assert.Contains("label=\"1000.clk\\nacme-clk\\nbound\"", DotText.NodeAttrs(dot, "platform:1000.clk"));
    }

    [Fact]
    public void The_legend_names_every_state()
    {
        var legend = DotText.NodeIds(Dot()).Where(i => i.StartsWith("legend:", StringComparison.Ordinal));
        Assert.Equal(["legend:bound", "legend:deferred", "legend:failed", "legend:no-driver", "legend:disabled", "legend:not-present", "legend:iommu", "legend:edges"], legend);
    }

    [Fact]
    public void Names_with_quotes_and_backslashes_stay_inside_their_strings()
    {
        var r = GraphSample.Result();
        r = r with { Devices = [new DeviceOutcome { Name = "we\"ird\\N", Bus = "platform", State = DeviceState.Failed, Error = -22, Note = new TextNote("line1\nline2") }], Devlinks = [], Iommus = [], IommuGroups = [] };
        var dot = Dot(r);
        Assert.True(DotText.Balanced(dot));
        Assert.Contains("platform:we\"ird\\N", DotText.NodeIds(dot));
        Assert.Contains("\"platform:we\\\"ird\\\\N\" [label=\"we\\\"ird\\\\N\\nfailed (-22 EINVAL)\"", dot);
    }

    [Fact]
    public void Is_deterministic() => Assert.Equal(Dot(), Dot());

    [Fact]
    public async Task Graphviz_accepts_it()
    {
        var dotTool = FindOnPath("dot");
        if (dotTool is null)
        {
            _out.WriteLine("no Graphviz dot on PATH (scripts/setup.sh installs it); the structural tests still check the text");
            return;
        }
        var r = GraphSample.Result();
        r = r with { Devices = [.. r.Devices, new DeviceOutcome { Name = "we\"ird\\N", Bus = "platform", State = DeviceState.NoDriver }] };
        var psi = new ProcessStartInfo(dotTool, "-Tsvg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(Dot(r, all: true));
        p.StandardInput.Close();
        var svgTask = p.StandardOutput.ReadToEndAsync();
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var svg = await svgTask;
        Assert.True(p.ExitCode == 0, err);
        Assert.Equal("", err.Trim());
        Assert.Contains("<title>platform:3000.mmc</title>", svg);
        Assert.Contains("<title>cluster_iommu_group_0</title>", svg);
        Assert.Contains("<title>amba:2000.serial&#45;&gt;platform:1000.clk</title>", svg);
        // Graphviz keeps \\ in an id as written (only \" is unescaped there) but turns it into one backslash in a label
        Assert.Contains("<title>platform:we&quot;ird\\\\N</title>", svg);
        Assert.Contains(">we&quot;ird\\N</text>", svg);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
