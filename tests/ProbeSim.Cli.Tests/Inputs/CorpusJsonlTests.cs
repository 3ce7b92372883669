using System.Text.Json;
using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Inputs;

/// <summary><c>corpus boot --jsonl</c>: one JSON line per device (board, device, state, driver, reason, basis), the same bytes every run.</summary>
public class CorpusJsonlTests
{
    private static string Boards()
    {
        var dir = TestPaths.NewTempDir();
        File.Copy(CliRunner.Repo("tests", "ProbeSim.Cli.Tests", "Data", "probesim-demo.expected.dtb"), Path.Combine(dir, "demo.dtb"));
        File.Copy(CliRunner.Repo("tests", "ProbeSim.Cli.Tests", "Data", "probesim-demo.expected.dtb"), Path.Combine(dir, "a-copy.dtb"));
        return dir;
    }

    [Fact]
    public void Every_device_is_a_line_and_boards_come_in_name_order_whatever_the_jobs()
    {
        var dir = Boards();
        var one = CliRunner.Run("corpus", "boot", "--dtb-dir", dir, "--jsonl", "-", "-j", "1");
        var two = CliRunner.Run("corpus", "boot", "--dtb-dir", dir, "--jsonl", "-", "-j", "2");
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(one.Out, two.Out);
        var lines = one.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 4);
        var boards = new List<string>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(["board", "device", "state", "driver", "reason", "basis"], doc.RootElement.EnumerateObject().Select(p => p.Name));
            boards.Add(doc.RootElement.GetProperty("board").GetString()!);
        }
        Assert.Equal("a-copy.dtb", boards[0]);
        Assert.Equal("demo.dtb", boards[^1]);
    }

    [Fact]
    public void Both_documents_on_standard_output_are_refused_in_one_line()
    {
        var r = CliRunner.Run("corpus", "boot", "--dtb-dir", Boards(), "--jsonl", "-", "--json", "-");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--json - and --jsonl - would both write to standard output", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }
}
