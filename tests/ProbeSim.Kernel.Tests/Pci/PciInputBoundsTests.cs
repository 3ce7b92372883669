using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>
/// A PCI topology file is read within the same bounds as a scenario file (nesting, nodes with aliases counted as what
/// they repeat, size) and every YAML error, whatever YamlDotNet throws, is a located <see cref="PciTopologyException"/>;
/// numbers out of range say the range.
/// </summary>
public class PciInputBoundsTests
{
    [Fact]
    public void An_unclosed_flow_list_is_a_located_error_not_an_internal_one()
    {
        // YamlDotNet's scanner throws InvalidOperationException here
        var e = YamlError("pci:\n  devices:\n    - slot: [00.0\n      type: endpoint\n");
        Assert.Equal("test.yaml:4:7: error: invalid YAML: the parser cannot go on from here (the '[' at line 3, column 13 is not closed)", e.Message);
    }

    [Theory]
    [InlineData("pci:\n  domain: 99999999999\n", 2, 11, "domain 99999999999 is out of range (0..65535)")]
    [InlineData("pci:\n  domain: 0x1ffffffff\n", 2, 11, "domain 0x1ffffffff is out of range (0..65535)")]
    [InlineData("pci:\n  root-bus: 256\n", 2, 13, "root-bus 256 is out of range (0..255)")]
    [InlineData("pci:\n  last-bus: 0x100\n", 2, 13, "last-bus 0x100 is out of range (0..255)")]
    [InlineData("pci:\n  devices:\n    - { slot: 01.0, secondary: 1, subordinate: 4294967297 }\n", 3, 48, "subordinate 4294967297 is out of range (1..255)")]
    [InlineData("pci:\n  devices:\n    - { slot: 01.0, class: 0x1000000 }\n", 3, 28, "class must be hex with at most 6 digits")]
    [InlineData("pci:\n  devices:\n    - { slot: 01.0, id: \"10000:1\" }\n", 3, 25, "id vendor must be hex with at most 4 digits")]
    [InlineData("pci:\n  devices:\n    - { slot: 20.0 }\n", 3, 15, "slot must be DD.F (device 00-1f in hex, function 0-7)")]
    public void Numbers_out_of_range_say_the_range(string yaml, int line, int column, string reason)
    {
        var e = YamlError(yaml);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var e = YamlError("pci:\n  devices: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        Assert.Contains("nested deeper than 600 levels", e.Reason, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void A_deep_bridge_chain_within_the_bus_numbers_is_read()
    {
        // 200 bridges below one another: 200 bus numbers, 400 YAML levels
        var yaml = new System.Text.StringBuilder("pci:\n  devices:\n");
        var indent = "    ";
        for (var i = 0; i < 200; i++)
        {
            yaml.Append(indent).Append(i == 0 ? "- slot: 01.0\n" : "- slot: 00.0\n").Append(indent).Append("  type: ").Append(i == 0 ? "root-port" : "pci-bridge").Append('\n');
            yaml.Append(indent).Append("  below:\n");
            indent += "    ";
        }
        yaml.Append(indent).Append("- { slot: 00.0 }\n");
        var t = Yaml(yaml.ToString());
        Assert.Equal(201, t.Functions.Count);
    }

    [Fact]
    public void An_alias_bomb_is_refused()
    {
        var bomb = Drivers.ScenarioYamlBoundsTests.AliasBomb("{ slot: 00.0 }");
        var e = YamlError(bomb + "pci:\n  devices: *l9\n");
        Assert.Contains("more than 200,000 nodes", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "huge.yaml");
        File.WriteAllText(path, "pci:\n  devices: []\n" + new string('#', 16 << 20) + "\n");
        var e = Assert.Throws<PciTopologyException>(() => PciTopologyFile.Load(path));
        Assert.Equal($"{path}:1:1: error: the file is larger than 16 MiB, the limit for a YAML input", e.Message);
    }
}
