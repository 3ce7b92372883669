namespace ProbeSim.Cli.Tests;

/// <summary>
/// dtc reads a DTS from standard input within the same 64 MiB limit as any input file (docs/device-tree.md, "Limits"):
/// before, it read standard input to its end whatever its size (an endless pipe grew without bound).
/// </summary>
public class StandardInputTests
{
    [Fact]
    public void Input_within_the_limit_is_read_whole()
    {
        var text = "/dts-v1/;\n/ { };\n";
        Assert.Equal(text, StandardInput.ReadText(new StringReader(text)));
    }

    [Fact]
    public void Input_past_the_limit_is_one_located_error()
    {
        var e = Assert.Throws<ProbeSim.DeviceTree.Model.DeviceTreeException>(() => StandardInput.ReadText(new StringReader(new string('x', 200_000)), limit: 100_000));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal("<stdin>", d.File);
        Assert.Contains("larger than", d.Message);
    }
}
