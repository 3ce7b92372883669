using System.Text;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>
/// Every YAML syntax error is a located <see cref="ScenarioException"/>, and no scenario file can make the reader
/// recurse or allocate without bound: nesting, node count (aliases counted as what they repeat) and size are limited.
/// </summary>
public class ScenarioYamlBoundsTests
{
    private static ScenarioException Fails(string yaml) => Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(yaml, "bad.yaml"));

    [Fact]
    public void An_unclosed_flow_list_is_a_located_error_not_an_internal_one()
    {
        // YamlDotNet's scanner throws InvalidOperationException here
        var e = Fails("drivers:\n  - compatible: [acme\n    probe: succeed\n");
        Assert.Equal(new SourceLocation("bad.yaml", 3, 5), e.Location);
        Assert.Equal("bad.yaml:3:5: error: invalid YAML: the parser cannot go on from here (the '[' at line 2, column 17 is not closed)", e.Message);
    }

    [Theory]
    [InlineData("drivers: [ { compatible: a,b }\n")]
    [InlineData("a: b\n  c: d\n")]
    [InlineData("drivers:\n  - { compatible: x\n  - y\n")]
    [InlineData("x: &a\n  - *b\n")]
    [InlineData("x: !!binary ZZZ\ny: \"\\q\"\n")]
    [InlineData("? [a\n")]
    [InlineData("\t- a\n")]
    [InlineData("x: 'unterminated\n")]
    [InlineData("%YAML 9.9\n---\nx: 1\n")]
    public void Syntax_errors_are_located(string yaml)
    {
        var e = Fails(yaml);
        Assert.True(e.Location.Line >= 1 && e.Location.Column >= 1, e.Message);
        Assert.StartsWith($"bad.yaml:{e.Location.Line}:{e.Location.Column}: error: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>"Billion laughs": nine levels of ten aliases each stand for 10^9 scalars in a few hundred bytes.</summary>
    internal static string AliasBomb(string leaf)
    {
        var sb = new StringBuilder($"l0: &l0 [{leaf}, {leaf}, {leaf}, {leaf}, {leaf}, {leaf}, {leaf}, {leaf}, {leaf}, {leaf}]\n");
        for (var i = 1; i <= 9; i++)
            sb.Append($"l{i}: &l{i} [").Append(string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))).Append("]\n");
        return sb.ToString();
    }

    [Fact]
    public void An_alias_bomb_is_refused_where_it_goes_past_the_node_limit()
    {
        var e = Fails(AliasBomb("x"));
        Assert.Contains("more than 200,000 nodes (aliases counted as the nodes they repeat)", e.Reason);
        Assert.Equal(6, e.Location.Line); // l5 stands for 1,111,111 nodes
    }

    [Fact]
    public void A_bomb_in_a_value_the_reader_walks_is_refused_before_it_is_walked()
    {
        var e = Fails(AliasBomb("acme,x") + "drivers:\n  - compatible: *l9\n");
        Assert.Contains("more than 200,000 nodes", e.Reason);
    }

    [Fact]
    public void Aliases_below_the_limit_read_as_copies()
    {
        var ok = ScenarioFile.Parse("cmdline: &c \"quiet\"\nprofile: *c\n", "ok.yaml");
        Assert.Equal("quiet", ok.Profile);
    }

    [Fact]
    public void Deep_nesting_is_refused_at_the_level_past_the_limit()
    {
        // before the guard, loading this overflowed the stack (the node tree is built recursively)
        var e = Fails("cmdline: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        // the root mapping is the first level: the 600th '[' (column 10 + 599) is one too many
        Assert.Equal(new SourceLocation("bad.yaml", 1, 10 + 599), e.Location);
        Assert.Contains("nested deeper than 600 levels", e.Reason);

        var blocks = new StringBuilder();
        for (var i = 0; i < 2000; i++) blocks.Append(new string(' ', i)).Append("-\n");
        Assert.Contains("nested deeper than 600 levels", Fails("order:\n" + blocks).Reason);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        // the root mapping and 599 lists: 600 levels
        var e = Fails("cmdline: " + new string('[', 599) + "x" + new string(']', 599) + "\n");
        Assert.Contains("cmdline must be a single value, not a list", e.Reason);
    }

    [Fact]
    public void A_document_with_too_many_nodes_is_refused()
    {
        var e = Fails("order: [" + string.Join(",", Enumerable.Repeat("a", 200_001)) + "]\n");
        Assert.Contains("more than 200,000 nodes", e.Reason);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_without_reading_it_all()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "huge.yaml");
        using (var w = new StreamWriter(path))
        {
            var line = "# " + new string('x', 1021) + "\n";
            for (var i = 0; i <= 16 * 1024; i++) w.Write(line);
        }
        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Load(path));
        Assert.Equal($"{path}:1:1: error: the file is larger than 16 MiB, the limit for a YAML input", e.Message);
    }

    [Fact]
    public void An_endless_device_is_refused()
    {
        if (!File.Exists("/dev/zero")) return;
        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Load("/dev/zero"));
        Assert.Contains("larger than 16 MiB", e.Reason);
    }

    // found by the fuzzing harness: 20,000 driver entries for one compatible took minutes to apply (each changes the
    // driver in turn); a list is bounded, and the error points at the first entry past the bound
    [Fact]
    public void A_list_past_its_bound_is_refused_at_the_first_entry_past_it()
    {
        var entries = string.Concat(Enumerable.Repeat("  - { compatible: acme,uart }\n", ScenarioParser.MaxListEntries + 1));
        var e = Fails("drivers:\n" + entries);
        Assert.Equal(ScenarioParser.MaxListEntries + 2, e.Location.Line);
        Assert.Contains($"at most {ScenarioParser.MaxListEntries}", e.Message);
        var ok = ScenarioFile.Parse("drivers:\n" + string.Concat(Enumerable.Repeat("  - { compatible: acme,uart }\n", ScenarioParser.MaxListEntries)), "ok.yaml");
        Assert.Equal(ScenarioParser.MaxListEntries, ok.Drivers.Count);
    }

    // found by the fuzzing harness (a PCI topology): an alias inside its own anchor's node overflowed the stack of the
    // loader, which ends the process
    [Theory]
    [InlineData("drivers: &d\n  - compatible: acme,uart\n  - *d\n", 3)]
    [InlineData("set: &s { a: *s }\n", 1)]
    public void An_alias_inside_its_own_anchor_is_refused(string yaml, int line)
    {
        var e = Fails(yaml);
        Assert.Equal(line, e.Location.Line);
        Assert.Contains("cycle", e.Message);
    }
}
