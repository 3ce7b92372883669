using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Inputs;

/// <summary>
/// <c>--kernel DIR</c> takes a driver-set directory only: a directory without the tables used to boot with empty
/// tables, so every device of the board ended without a driver, with exit 0.
/// </summary>
public class KernelOptionTests
{
    private static readonly string[] Tables =
        ["of-builtin-match-tables.tsv", "of-module-aliases.tsv", "amba-ids.tsv", "early-of-tables.tsv", "config.txt"];

    private static string DriverSet(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var t in Tables) File.WriteAllText(Path.Combine(dir, t), "# header\n");
        return dir;
    }

    [Fact]
    public void The_parent_of_driver_sets_is_refused_with_the_one_it_holds()
    {
        var kernels = TestPaths.NewTempDir();
        DriverSet(Path.Combine(kernels, "debian-bookworm-arm64"));
        Directory.CreateDirectory(Path.Combine(kernels, "debian-bookworm-amd64"));
        File.WriteAllText(Path.Combine(kernels, "debian-bookworm-amd64", "config.txt"), "# c\n");
        var r = CliRunner.Run("boot", "--kernel", kernels);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Equal(
            $"probesim: --kernel {kernels}: not a kernel driver-set directory (missing {string.Join(", ", Tables)}); "
            + $"did you mean {Path.Combine(kernels, "debian-bookworm-arm64")}?\n",
            r.Err.Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_directory_missing_some_tables_names_them()
    {
        var dir = DriverSet(TestPaths.NewTempDir());
        File.Delete(Path.Combine(dir, "amba-ids.tsv"));
        var r = CliRunner.Run("explain", CliRunner.Repo("samples", "boards", "probesim-demo.dts"), "12100000.dma-controller", "--kernel", dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: --kernel {dir}: not a kernel driver-set directory (missing amba-ids.tsv)", r.Err.Trim());
    }

    [Fact]
    public void A_malformed_row_is_an_input_error_at_its_line()
    {
        var dir = DriverSet(TestPaths.NewTempDir());
        File.WriteAllText(Path.Combine(dir, "amba-ids.tsv"), "# header\namba:d1\tsomewhere\tx\t00041011\t000fffff\tx_drv\tdrivers/x.c\n");
        var r = CliRunner.Run("boot", "--kernel", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"{Path.Combine(dir, "amba-ids.tsv")}:2:9: error: unknown location 'somewhere' (expected builtin or module)", r.Err.Trim());
    }

    [Fact]
    public void A_driver_set_boots()
    {
        var dir = DriverSet(Path.Combine(TestPaths.NewTempDir(), "tiny-kernel"));
        var r = CliRunner.Run("boot", "--kernel", dir);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("drivers tiny-kernel", r.Out);
    }
}
