using ProbeSim.Reports.Corpus;
using ProbeSim.Reports.Text;

namespace ProbeSim.Reports.Tests;

public class CorpusSummaryTableTests
{
    [Fact]
    public void Plain_rendering_is_exact() =>
        Assert.Equal(
            "profile v6.6, driver set default\n" +
            "5 boards: 3 booted, 2 failed, 2 with deferred devices\n" +
            "\n" +
            "STATE        DEVICES\n" +
            "bound              3\n" +
            "deferred           3\n" +
            "failed             1\n" +
            "no-driver          1\n" +
            "not-present        2\n" +
            "total             10\n" +
            "\n" +
            "COUNT  DEFER REASON\n" +
            "    2  platform: supplier x not ready\n" +
            "    1  (no reason)\n" +
            "\n" +
            "FAILED BOARD  ERROR\n" +
            "y-board       no such file\n" +
            "z-board       z.dts:3:1: error: syntax error\n",
            CorpusSummaryTable.FormatPlain(CorpusBootSummaryTests.Sample()));

    [Fact]
    public void Reasons_beyond_the_cap_are_counted()
    {
        var text = CorpusSummaryTable.FormatPlain(CorpusBootSummaryTests.Sample(), topDeferReasons: 1);
        Assert.Contains("    2  platform: supplier x not ready\n(1 more reason)\n", text);
        Assert.DoesNotContain("(no reason)", text);
    }

    [Fact]
    public void Clean_run_has_only_heading_and_states()
    {
        var text = CorpusSummaryTable.FormatPlain(CorpusBootSummary.From("v6.6", "default", [SampleBoot.Result() with { Devices = [SampleBoot.Dma] }]));
        Assert.StartsWith("profile v6.6, driver set default\n1 board: 1 booted, 0 failed, 0 with deferred devices\n\nSTATE", text);
        Assert.DoesNotContain("DEFER REASON", text);
        Assert.DoesNotContain("FAILED BOARD", text);
    }

    [Fact]
    public void Spectre_rendering_with_and_without_colour()
    {
        using var plain = new StringWriter();
        using var coloured = new StringWriter();
        CorpusSummaryTable.Write(TestConsoles.Create(plain, colour: false), CorpusBootSummaryTests.Sample());
        CorpusSummaryTable.Write(TestConsoles.Create(coloured, colour: true), CorpusBootSummaryTests.Sample());

        Assert.DoesNotContain('\u001b', plain.ToString());
        foreach (var s in new[] { "5 boards: 3 booted, 2 failed", "not-present", "platform: supplier x not ready", "(no reason)", "z.dts:3:1: error: syntax error" })
            Assert.Contains(s, plain.ToString());
        Assert.Contains("\u001b[32mbound", coloured.ToString());
        Assert.Contains("\u001b[91mz.dts:3:1: error: syntax error", coloured.ToString());
    }
}
