using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

/// <summary><c>probesim boot --tree</c> and <c>--dot</c> on the sample board (samples/boards/probesim-demo.dts).</summary>
public class BootViewTests
{
    static string Sample => Path.Combine(TestPaths.RepoRoot, "samples", "boards", "probesim-demo.dts");

    [Fact]
    public void Tree_nests_the_soc_devices_under_soc()
    {
        var r = CliRunner.Run("boot", Sample, "--tree");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n');
        // every device of the sample sits in /sys/devices/platform; soc's children are its DT children with a driver
        int root = Array.IndexOf(lines, "/sys/devices/platform");
        Assert.True(root >= 0, r.Out);
        Assert.Equal("├── psci [arm-psci-1.0] bound", lines[root + 1]);
        Assert.Contains("├── soc [simple-pm-bus] bound", lines);
        Assert.Contains("│   ├── 10000000.clock-controller [probesim-demo-cru] bound", lines);
        Assert.Contains("│   ├── 10100000.serial [arm-pl011] bound", lines);
        Assert.Contains("│   └── 40000000.pcie [pci-host-ecam-generic] bound", lines);   // last of soc's children in ordinal order
        Assert.Contains("└── timer no-driver", lines);                                    // last top-level name in ordinal order
        Assert.DoesNotContain("NAME", r.Out);                                              // instead of the table
        Assert.DoesNotContain('\u001b', r.Out);
    }

    [Fact]
    public void Tree_with_all_lists_the_disabled_display_apart()
    {
        var r = CliRunner.Run("boot", Sample, "--tree", "--all");
        Assert.Contains("(DT nodes that are not devices)\n", r.Out);
        Assert.Contains("── /soc/display@13100000 disabled: status = \"disabled\"\n", r.Out);
    }

    [Fact]
    public void Dot_to_standard_output_is_only_the_graph()
    {
        var r = CliRunner.Run("boot", Sample, "--dot", "-");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("digraph \"probesim\" {\n", r.Out);
        Assert.EndsWith("}\n", r.Out);
        // the four masters with an iommus property each get a group and an edge to the SMMU instance
        Assert.Equal(4, CountOf(r.Out, "subgraph \"cluster_iommu_group_"));
        foreach (var dev in new[] { "amba:12100000.dma-controller", "platform:12200000.mmc", "platform:12300000.ethernet", "platform:13000000.gpu" })
            Assert.Contains($"\"{dev}\" -> \"iommu:smmu3.0x0000000012000000\"", r.Out);
        Assert.Contains("\"platform:12200000.mmc\" -> \"platform:regulator-sd\"", r.Out);   // vmmc-supply
        Assert.DoesNotContain("display@13100000", r.Out);                                  // disabled and nobody's supplier
    }

    [Fact]
    public void Dot_file_is_written_beside_the_table_and_is_deterministic()
    {
        var dir = TestPaths.NewTempDir();
        var a = Path.Combine(dir, "a.dot");
        var b = Path.Combine(dir, "sub", "b.dot");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));   // probesim creates no directories (docs/cli.md, Output files)
        var r = CliRunner.Run("boot", Sample, "--dot", a, "--all");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("NAME", r.Out);
        Assert.Equal(0, CliRunner.Run("boot", Sample, "--dot", b, "--all").ExitCode);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
        Assert.Contains("\"of:/soc/display@13100000\" [label=\"display@13100000\\ndisabled\"", File.ReadAllText(a));
    }

    [Fact]
    public void Dot_and_json_cannot_both_take_standard_output()
    {
        var r = CliRunner.Run("boot", Sample, "--dot", "-", "--json", "-");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("cannot both write to standard output", r.Err);
    }

    [Fact]
    public void Dot_to_an_unwritable_place_is_an_io_error()
    {
        var dir = TestPaths.NewTempDir();
        var file = Path.Combine(dir, "file");
        File.WriteAllText(file, "");
        var r = CliRunner.Run("boot", Sample, "--dot", Path.Combine(file, "graph.dot"));
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("probesim: ", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
