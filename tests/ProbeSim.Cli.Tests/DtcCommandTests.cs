using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

public class DtcCommandTests
{
    private static readonly string Demo = CliRunner.Repo("samples", "boards", "probesim-demo.dts");
    private static readonly string DemoInclude = CliRunner.Repo("samples", "boards", "include");

    [Fact]
    public void Demo_board_compiles_like_cpp_and_dtc()
    {
        var outFile = Path.Combine(TestPaths.NewTempDir(), "demo.dtb");
        var r = CliRunner.Run("dtc", "--preprocess", "--include-dir", DemoInclude, "-O", "dtb", "-o", outFile, Demo);
        Assert.Equal(0, r.ExitCode);
        var expected = File.ReadAllBytes(CliRunner.Repo("tests", "ProbeSim.Cli.Tests", "Data", "probesim-demo.expected.dtb"));
        Assert.Equal(expected, File.ReadAllBytes(outFile));
    }

    [Fact]
    public void Output_format_follows_the_output_name_and_dts_is_the_default()
    {
        var dir = TestPaths.NewTempDir();
        var blob = Path.Combine(dir, "demo.dtb");
        Assert.Equal(0, CliRunner.Run("dtc", "--preprocess", "--include-dir", DemoInclude, "-o", blob, Demo).ExitCode);
        var r = CliRunner.Run("dtc", blob);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("/dts-v1/;", r.Out);
        Assert.Contains("model = \"ProbeSim demo board\";", r.Out);
    }

    [Fact]
    public void Syntax_error_exits_2_with_file_line_column()
    {
        var dir = TestPaths.NewTempDir();
        var bad = Path.Combine(dir, "bad.dts");
        File.WriteAllText(bad, "/dts-v1/;\n/ {\n\tx = <1 2;\n};\n");
        var r = CliRunner.Run("dtc", "-O", "dtb", "-o", Path.Combine(dir, "out.dtb"), bad);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{bad}:3:10: error: syntax error", r.Err); // the ";" where dtc reports its syntax error
        Assert.False(File.Exists(Path.Combine(dir, "out.dtb")));
    }

    [Fact]
    public void Preprocessor_errors_point_at_the_header()
    {
        var dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "bad.h"), "#define A 1\n#if\n#endif\n");
        var dts = Path.Combine(dir, "board.dts");
        File.WriteAllText(dts, "/dts-v1/;\n#include \"bad.h\"\n/ { };\n");
        var r = CliRunner.Run("dtc", "--preprocess", dts);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(Path.Combine(dir, "bad.h") + ":2:", r.Err);
    }

    [Fact]
    public void Malformed_blob_exits_2_with_byte_offset()
    {
        var dir = TestPaths.NewTempDir();
        var f = Path.Combine(dir, "bad.dtb");
        File.WriteAllBytes(f, new byte[] { 0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 8 });
        var r = CliRunner.Run("dtc", "-I", "dtb", f);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("byte offset", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Missing_input_exits_1()
    {
        var r = CliRunner.Run("dtc", "/nonexistent/board.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("No such file or directory", r.Err);
    }

    [Fact]
    public void Refuses_to_overwrite_its_input()
    {
        var dir = TestPaths.NewTempDir();
        var f = Path.Combine(dir, "x.dts");
        File.WriteAllText(f, "/dts-v1/;\n/ { };\n");
        var r = CliRunner.Run("dtc", "-o", f, f);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("/dts-v1/;\n/ { };\n", File.ReadAllText(f));
    }

    [Fact]
    public void Same_input_gives_the_same_bytes()
    {
        var a = CliRunner.Run("dtc", "--preprocess", "--include-dir", DemoInclude, "-O", "dts", Demo);
        var b = CliRunner.Run("dtc", "--preprocess", "--include-dir", DemoInclude, "-O", "dts", Demo);
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Out, b.Out);
    }
}
