namespace ProbeSim.Cli.Tests.Outputs;

/// <summary>A directory given where a command wants a file is named as such, not as "No such file or directory".</summary>
public class FileArgumentTests
{
    [Theory]
    [InlineData("boot", "a board file (.dts or .dtb)")]
    [InlineData("explain", "a board file (.dts or .dtb)")]
    [InlineData("check", "a board file (.dts or .dtb)")]
    [InlineData("dtc", "a device tree file")]
    [InlineData("fdtoverlay -i", "a device tree file")]
    [InlineData("fdtoverlay OVERLAY", "a device tree file")]
    [InlineData("diff merge", "a diff JSON file")]
    public void A_directory_as_the_file_argument_is_said_to_be_a_directory(string command, string what)
    {
        var w = new Workspace();
        var dir = w.P("boards");
        Directory.CreateDirectory(dir);
        string[] args = command switch
        {
            "boot" => ["boot", dir],
            "explain" => ["explain", dir, "40000000.pcie"],
            "check" => ["check", dir],
            "dtc" => ["dtc", dir],
            "fdtoverlay -i" => ["fdtoverlay", "-i", dir, "-o", w.P("out.dtb"), w.Overlay],
            "fdtoverlay OVERLAY" => ["fdtoverlay", "-i", w.OverlayBase, "-o", w.P("out.dtb"), dir],
            _ => ["diff", "merge", dir],
        };
        var r = CliRunner.Run(args);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: {dir}: is a directory, not {what}\n", r.Err);
    }

    [Fact]
    public void A_missing_board_is_still_no_such_file()
    {
        var w = new Workspace();
        var r = CliRunner.Run("boot", w.P("nope.dts"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: {w.P("nope.dts")}: No such file or directory\n", r.Err);
    }
}
