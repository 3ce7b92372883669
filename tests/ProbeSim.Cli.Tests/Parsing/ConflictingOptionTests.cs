using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Parsing;

/// <summary>
/// Options that would be silently ignored next to others are refused: exit 1 and one line naming both, before
/// anything is booted or written (issue 15: <c>corpus boot ROOT --arch arm64 --dtb-dir D</c> booted D and ignored ROOT).
/// </summary>
public class ConflictingOptionTests
{
    static string Sample => CliRunner.Repo("samples", "boards", "probesim-demo.dts");
    static string SampleDtb => CliRunner.Repo("tests", "ProbeSim.Cli.Tests", "Data", "probesim-demo.expected.dtb");

    private static string OneLine(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 1, $"probesim {string.Join(' ', args)}: exit {r.ExitCode}\n{r.Out}\n{r.Err}");
        Assert.Equal("", r.Out);
        var lines = r.Err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        return lines[0];
    }

    private static string DtbDir()
    {
        var dir = TestPaths.NewTempDir();
        File.Copy(SampleDtb, Path.Combine(dir, "demo.dtb"));
        return dir;
    }

    [Fact]
    public void Corpus_boot_with_root_and_a_dtb_directory_is_refused_as_diff_refuses_it()
    {
        var root = TestPaths.NewTempDir();
        Directory.CreateDirectory(Path.Combine(root, "src", "arm64"));
        Assert.Equal("probesim: give ROOT --arch ARCH, or --dtb-dir DIR, not both", OneLine("corpus", "boot", root, "--arch", "arm64", "--dtb-dir", DtbDir()));
    }

    [Fact]
    public void Corpus_boot_arch_goes_with_root_only()
    {
        Assert.Equal("probesim: --arch needs ROOT (the kernel tree whose src/ARCH to boot)", OneLine("corpus", "boot", "--arch", "arm64"));
        Assert.Equal("probesim: --arch names a directory under ROOT/src; --dtb-dir boots the blobs of DIR: give one of them",
            OneLine("corpus", "boot", "--arch", "arm64", "--dtb-dir", DtbDir()));
        Assert.Equal("probesim: ROOT needs --arch (arm64, arm, riscv)", OneLine("corpus", "boot", TestPaths.NewTempDir()));
        Assert.Equal("probesim: nothing to boot: give ROOT --arch ARCH, or --dtb-dir DIR", OneLine("corpus", "boot"));
        Assert.Equal(0, CliRunner.Run("corpus", "boot", "--dtb-dir", DtbDir()).ExitCode);
    }

    [Theory]
    [InlineData("--strategy", "random")]
    [InlineData("--budget", "5")]
    [InlineData("--time", "10")]
    [InlineData("--seed", "7")]
    public void Check_replay_runs_one_schedule_so_search_options_are_refused(string option, string value) =>
        Assert.Equal($"probesim: --replay runs one schedule; {option} does not apply to it", OneLine("check", Sample, "--replay", "default", option, value));

    [Fact]
    public void Check_seed_is_for_random_and_pct_only()
    {
        Assert.Equal("probesim: --seed is for --strategy random or pct (the exhaustive search has no randomness)", OneLine("check", Sample, "--seed", "3", "--budget", "1"));
        Assert.Equal(0, CliRunner.Run("check", Sample, "--strategy", "random", "--seed", "3", "--budget", "1").ExitCode);
    }

    [Fact]
    public void Boot_log_level_needs_log()
    {
        Assert.Equal("probesim: --log-level sets what --log prints; give --log too", OneLine("boot", Sample, "--log-level", "debug"));
        Assert.Equal(0, CliRunner.Run("boot", Sample, "--log", "--log-level", "debug").ExitCode);
    }

    [Theory]
    [InlineData("--json", "--log")]
    [InlineData("--json", "--devlinks")]
    [InlineData("--dot", "--sysfs")]
    [InlineData("--dot", "--tree")]
    public void A_document_on_standard_output_refuses_a_view_that_would_print_nothing(string document, string view) =>
        Assert.Equal($"probesim: {document} - prints only that document on standard output; {view} would print nothing (write the document to a file)",
            OneLine("boot", Sample, document, "-", view));

    [Fact]
    public void All_with_json_on_standard_output_changes_nothing_and_is_refused()
    {
        Assert.Equal("probesim: --json - lists every DT node already; --all changes nothing there", OneLine("boot", Sample, "--json", "-", "--all"));
        // with a graph --all draws the not-present nodes too
        Assert.Equal(0, CliRunner.Run("boot", Sample, "--json", Path.Combine(TestPaths.NewTempDir(), "b.json"), "--dot", "-", "--all").ExitCode);
    }

    [Fact]
    public void Dot_on_standard_output_still_writes_the_json_file()
    {
        var json = Path.Combine(TestPaths.NewTempDir(), "out.json");
        var r = CliRunner.Run("boot", Sample, "--dot", "-", "--json", json);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("digraph", r.Out);
        Assert.Contains("probesim-boot/1", File.ReadAllText(json));
    }

    [Fact]
    public void Dot_and_json_both_on_standard_output_are_refused_before_the_boot() =>
        Assert.Equal("probesim: --dot - and --json - cannot both write to standard output", OneLine("boot", "/nonexistent/board.dts", "--dot", "-", "--json", "-"));

    [Fact]
    public void An_include_directory_for_a_blob_is_refused()
    {
        var line = OneLine("boot", SampleDtb, "-I", TestPaths.NewTempDir());
        Assert.Equal($"probesim: --include-dir is for a .dts board; {SampleDtb} is a blob (.dtb)", line);
    }

    [Theory]
    [InlineData("-D", "FOO=1")]
    [InlineData("--include-dir", "/tmp")]
    public void Dtc_preprocessor_options_need_the_preprocessor(string option, string value) =>
        Assert.Equal($"probesim: {option} is an option of the preprocessor; give --preprocess too", OneLine("dtc", option, value, Sample));

    [Theory]
    [InlineData("-b", "0")]
    [InlineData("-p", "64")]
    [InlineData("-S", "4096")]
    [InlineData("-a", "8")]
    [InlineData("-R", "2")]
    public void Dtc_blob_options_with_dts_output_are_refused(string option, string value)
    {
        var dts = Path.Combine(TestPaths.NewTempDir(), "t.dts");
        File.WriteAllText(dts, "/dts-v1/;\n/ { };\n");
        Assert.Equal($"probesim: {option} shapes a blob; the output is DTS (give -O dtb, or an output name ending in .dtb)", OneLine("dtc", option, value, dts));
        Assert.Equal(0, CliRunner.Run("dtc", option, value, "-O", "dtb", "-o", Path.Combine(TestPaths.NewTempDir(), "t.dtb"), dts).ExitCode);
    }

    [Fact]
    public void Dtc_preprocess_of_a_blob_is_refused() =>
        Assert.Equal("probesim: --preprocess reads a source; -I dtb is a blob", OneLine("dtc", "--preprocess", "-I", "dtb", SampleDtb));

    [Fact]
    public void Diff_of_two_dtb_directories_refuses_arch_and_kernels_dir()
    {
        var a = DtbDir();
        var b = DtbDir();
        Assert.Equal("probesim: --arch names a directory under ROOT/src; --a-dtb and --b-dtb boot the blobs of two directories: give one of them",
            OneLine("diff", "--a-dtb", a, "--b-dtb", b, "--arch", "arm64"));
        Assert.Equal("probesim: --kernels-dir is where --a and --b find their KERNEL; without --a and --b it is not used",
            OneLine("diff", "--a-dtb", a, "--b-dtb", b, "--kernels-dir", "/tmp"));
        Assert.Equal(0, CliRunner.Run("diff", "--a-dtb", a, "--b-dtb", b).ExitCode);
    }
}
