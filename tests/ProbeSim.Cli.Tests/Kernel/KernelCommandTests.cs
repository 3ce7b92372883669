using System.Text.Json;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Cli.Tests.KernelDrivers;

public class KernelCommandTests
{
    private static readonly Func<string, ImportedKernel?> Reader = _ => KernelCli.Sample();

    private static string[] ErrLines(CliRunner.Result r) => r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Driver_prints_the_report_of_the_driver_set_it_reads()
    {
        using var set = new KernelCli.DriverSetDirectory();
        string? asked = null;
        var r = KernelCli.Run(dir => { asked = dir; return KernelCli.Sample(); }, "kernel", "driver", "vendor,foo", "--kernel", set.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Err);
        Assert.Equal(set.Path, asked);
        Assert.StartsWith("vendor,foo: 1 driver in kernel 6.1.192 (6.1.0-56-arm64) arm64\n", r.Out);
        Assert.Contains("    1. clock \"ahb\" (by name) required — dev_err_probe: \"failed to get ahb clock\"  drivers/x.c:123 in foo_probe\n", r.Out);
    }

    [Fact]
    public void A_query_nothing_matches_is_one_line_with_close_names_and_exit_2()
    {
        using var set = new KernelCli.DriverSetDirectory();
        var r = KernelCli.Run(Reader, "kernel", "driver", "fooo", "--kernel", set.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Equal([$"probesim: no driver or early init of --kernel {set.Path} matches 'fooo'; did you mean foo?"], ErrLines(r));
        var none = KernelCli.Run(Reader, "kernel", "driver", "nothing,like-it", "--kernel", set.Path);
        Assert.Equal(2, none.ExitCode);
        Assert.Equal([$"probesim: no driver or early init of --kernel {set.Path} matches 'nothing,like-it'"], ErrLines(none));
    }

    [Theory]
    [InlineData("driver", "foo")]
    [InlineData("coverage", null)]
    public void A_driver_set_without_an_import_is_one_line_and_exit_2(string command, string? query)
    {
        using var set = new KernelCli.DriverSetDirectory();
        string[] args = query is null ? ["kernel", command, "--kernel", set.Path] : ["kernel", command, query, "--kernel", set.Path];
        var r = KernelCli.Run(_ => null, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Equal([$"probesim: --kernel {set.Path}: a driver set without an import (tables only, no driver facts); make one with 'probesim kernel import'"], ErrLines(r));
    }

    [Fact]
    public void A_missing_directory_is_refused_as_kernel_table_directory_says_exit_1()
    {
        var r = KernelCli.Run(Reader, "kernel", "coverage", "--kernel", "/nonexistent/kernel");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(["probesim: --kernel /nonexistent/kernel: No such directory"], ErrLines(r));
    }

    [Fact]
    public void A_directory_that_is_no_driver_set_is_refused_exit_1()
    {
        using var set = new KernelCli.DriverSetDirectory();
        File.Delete(Path.Combine(set.Path, "amba-ids.tsv"));
        var r = KernelCli.Run(Reader, "kernel", "driver", "foo", "--kernel", set.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal([$"probesim: --kernel {set.Path}: not a kernel driver-set directory (missing amba-ids.tsv)"], ErrLines(r));
    }

    [Fact]
    public void The_kernel_option_is_required()
    {
        var r = KernelCli.Run(Reader, "kernel", "driver", "foo");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--kernel", ErrLines(r)[0]);
    }

    [Fact]
    public void Json_to_standard_output_is_the_document_alone()
    {
        using var set = new KernelCli.DriverSetDirectory();
        var r = KernelCli.Run(Reader, "kernel", "driver", "foo", "--kernel", set.Path, "--json", "-");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("probesim-kernel-driver/1", doc.RootElement.GetProperty("schema").GetString());
        var c = KernelCli.Run(Reader, "kernel", "coverage", "--kernel", set.Path, "--json", "-");
        using var cov = JsonDocument.Parse(c.Out);
        Assert.Equal("probesim-kernel-coverage/1", cov.RootElement.GetProperty("schema").GetString());
    }

    [Fact]
    public void Json_to_a_file_is_written_and_the_text_still_printed()
    {
        using var set = new KernelCli.DriverSetDirectory();
        var outDir = Path.Combine(Path.GetTempPath(), "probesim-kcmds-out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outDir);
        try
        {
            var file = Path.Combine(outDir, "foo.json");
            var r = KernelCli.Run(Reader, "kernel", "driver", "foo", "--kernel", set.Path, "--json", file);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("driver foo (drivers/x.c:foo_driver)", r.Out);
            Assert.Equal(KernelCli.Run(Reader, "kernel", "driver", "foo", "--kernel", set.Path, "--json", "-").Out, File.ReadAllText(file));
        }
        finally { Directory.Delete(outDir, recursive: true); }
    }

    [Theory]
    [InlineData("driver")]
    [InlineData("coverage")]
    public void Json_never_lands_on_a_file_of_the_driver_set(string command)
    {
        using var set = new KernelCli.DriverSetDirectory();
        var input = Path.Combine(set.Path, "config.txt");
        string[] args = command == "driver"
            ? ["kernel", "driver", "foo", "--kernel", set.Path, "--json", input]
            : ["kernel", "coverage", "--kernel", set.Path, "--json", input];
        var r = KernelCli.Run(Reader, args);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal([$"probesim: --json {input}: refusing to write onto the input file {input} (a file of the --kernel driver set)"], ErrLines(r));
        Assert.Equal("", File.ReadAllText(input));
    }

    [Fact]
    public void Coverage_prints_one_figure_a_line_and_the_same_bytes_each_run()
    {
        using var set = new KernelCli.DriverSetDirectory();
        var a = KernelCli.Run(Reader, "kernel", "coverage", "--kernel", set.Path);
        var b = KernelCli.Run(Reader, "kernel", "coverage", "--kernel", set.Path);
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Out, b.Out);
        Assert.Contains("drivers with a complete plan: 1 of 1 (100.0%)\n", a.Out);
        Assert.Contains("early entries with known provides: 1 of 1 (100.0%)\n", a.Out);
        Assert.Contains("facts unknown, fact \"initcall\": 1\n", a.Out);
    }

    [Fact]
    public void Coverage_top_takes_a_whole_number()
    {
        using var set = new KernelCli.DriverSetDirectory();
        var r = KernelCli.Run(Reader, "kernel", "coverage", "--kernel", set.Path, "--top", "zero");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--top takes a whole number from 1 to 100000, not 'zero'", r.Err);
    }

    [Fact]
    public void Driver_and_coverage_give_the_same_bytes_for_the_same_input()
    {
        using var set = new KernelCli.DriverSetDirectory();
        string[] args = ["kernel", "driver", "foo", "--kernel", set.Path];
        Assert.Equal(KernelCli.Run(Reader, args).Out, KernelCli.Run(Reader, args).Out);
        string[] json = ["kernel", "driver", "foo", "--kernel", set.Path, "--json", "-"];
        Assert.Equal(KernelCli.Run(Reader, json).Out, KernelCli.Run(Reader, json).Out);
    }
}
