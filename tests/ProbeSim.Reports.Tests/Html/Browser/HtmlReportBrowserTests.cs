using System.Globalization;
using Microsoft.Playwright;
using ProbeSim.Checking.Explain;
using ProbeSim.Reports.Html;
using Xunit.Abstractions;

namespace ProbeSim.Reports.Tests.Html.Browser;

/// <summary>
/// Opens HTML reports in headless chromium (Debian's, driven by Playwright), clicks a device and checks the side panel
/// shows its explain chain; saves screenshots under artifacts/browser/ and records how long the largest arm64 board
/// of the corpus takes to open and lay out (artifacts/browser/layout-time.txt).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class HtmlReportBrowserTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Clicking_a_device_in_the_graph_shows_its_explain_chain()
    {
        var data = ReportBoards.DemoWithBrokenClock();
        var explanation = WithChain(data, "12200000.mmc");
        var html = WriteReport(data, "boot-report.html");

        await using var session = await ReportPageSession.OpenAsync(chromium.Browser, html);
        await session.ClickInGraphAsync(explanation.Device);
        await AssertPanelShowsAsync(session.Page, explanation);
        await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts("browser"), "boot-report.png") });

        AssertSelfContained(session);
    }

    [Fact]
    public async Task Search_table_and_about_work()
    {
        var html = WriteReport(ReportBoards.DemoWithBrokenClock(), "boot-report-search.html");
        await using var session = await ReportPageSession.OpenAsync(chromium.Browser, html);
        var page = session.Page;

        await page.FillAsync("#search", "demo-sdhci");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.probesim.matches"));
        await page.PressAsync("#search", "Enter");
        await Assertions.Expect(page.Locator("#panel-body h2")).ToHaveTextAsync("12200000.mmc");
        await page.FillAsync("#search", "");

        await page.ClickAsync("#tab-table");
        await page.SelectOptionAsync("#state-filter", "deferred");
        var rows = page.Locator("#devices tbody tr:not([hidden])");
        await Assertions.Expect(rows).ToHaveCountAsync(8);
        await page.ClickAsync("#devices thead th:nth-child(1)");
        var ascending = await rows.Locator("td:nth-child(1)").AllTextContentsAsync();
        await page.ClickAsync("#devices thead th:nth-child(1)");
        await Assertions.Expect(page.Locator("#devices thead th:nth-child(1)")).ToHaveAttributeAsync("aria-sort", "descending");
        var descending = await rows.Locator("td:nth-child(1)").AllTextContentsAsync();
        Assert.Equal(ascending.Reverse(), descending);
        Assert.NotEqual(ascending, descending);

        await page.ClickAsync("#about-button");
        await Assertions.Expect(page.Locator("#licence-cytoscape")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#licence-cytoscape")).ToContainTextAsync("Permission is hereby granted");
        AssertSelfContained(session);
    }

    [Fact]
    public async Task Largest_arm64_board_opens_and_lays_out_and_its_table_selects_a_device()
    {
        var (dtb, nodes) = ReportBoards.LargestArm64Board();
        var data = ReportBoards.Boot(dtb);
        var html = WriteReport(data, "boot-report-large.html");
        var explanation = data.Explanations.Where(x => x.State == "deferred" && x.Chain.Count > 0)
            .OrderByDescending(x => x.Chain.Max(s => s.Depth)).First();

        var times = new List<(double Open, double Page, string Breakdown)>();
        for (int run = 0; run < 3; run++)
        {
            await using var s = await ReportPageSession.OpenAsync(chromium.Browser, html);
            times.Add((s.OpenMs, s.PageReadyMs, s.PageTimings));
            AssertSelfContained(s);
        }
        var median = times.OrderBy(t => t.Open).ElementAt(times.Count / 2);
        var graph = ProbeSim.Reports.Html.Graph.ReportGraphBuilder.Build(data.Result);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetRelativePath(RepoPaths.Arm64Dtbs, dtb)}: {nodes} DT nodes, {data.Result.Devices.Count} devices, graph of {graph.Nodes.Count} nodes and {graph.Edges.Count} edges; " +
            $"open + layout in headless chromium: " +
            $"median {median.Open:F0} ms (page's own clock {median.Page:F0} ms, {median.Breakdown}); " +
            $"runs {string.Join(", ", times.Select(t => t.Open.ToString("F0", CultureInfo.InvariantCulture)))} ms");
        output.WriteLine(line);
        Console.WriteLine(line);
        File.WriteAllText(Path.Combine(RepoPaths.Artifacts("browser"), "layout-time.txt"), line + "\n");

        await using var session = await ReportPageSession.OpenAsync(chromium.Browser, html);
        await session.Page.ClickAsync("#tab-table");
        await session.Page.FillAsync("#table-filter", explanation.Device);
        await session.Page.ClickAsync($"#devices tbody tr:not([hidden]) >> text=\"{explanation.Device}\"");
        await AssertPanelShowsAsync(session.Page, explanation);
        await session.Page.ClickAsync("#tab-graph");
        await session.Page.ClickAsync("#fit");
        await session.Page.WaitForTimeoutAsync(300); // let the fitted view be drawn
        await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts("browser"), "boot-report-large.png") });
        Assert.True(nodes > 1000, $"the largest arm64 board has only {nodes} nodes");
    }

    /// <summary>The explanation of the named device, which must have a supplier chain.</summary>
    private static Explanation WithChain(BootReportData data, string device)
    {
        var e = data.Explanations.Single(x => x.Device == device);
        Assert.NotEmpty(e.Chain);
        return e;
    }

    internal static string WriteReport(BootReportData data, string name) => WriteReport(name, w => HtmlReport.WriteBoot(w, data));

    internal static string WriteReport(string name, Action<TextWriter> write)
    {
        var path = Path.Combine(RepoPaths.Artifacts("browser"), name);
        File.WriteAllText(path, HtmlReport.ToText(write));
        return path;
    }

    private static async Task AssertPanelShowsAsync(IPage page, Explanation e)
    {
        var panel = page.Locator("#panel-body");
        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync(e.Device);
        await Assertions.Expect(panel.Locator(".explain-summary")).ToHaveTextAsync(ProbeSim.Reports.Reasons.ReasonWords.Default.Summary(e));
        var steps = panel.Locator("ol.chain > li");
        await Assertions.Expect(steps).ToHaveCountAsync(e.Chain.Count);
        for (int i = 0; i < e.Chain.Count; i++)
        {
            var s = e.Chain[i];
            await Assertions.Expect(steps.Nth(i)).ToContainTextAsync(s.Relation);
            await Assertions.Expect(steps.Nth(i)).ToContainTextAsync(s.Subject);
            await Assertions.Expect(steps.Nth(i)).ToContainTextAsync(ProbeSim.Reports.Reasons.ReasonWords.Default.ExplainDetail(s.Detail));
        }
        Assert.Equal(e.Device, await page.EvaluateAsync<string>("() => window.probesim.selected"));
    }

    /// <summary>Nothing but the file itself was requested, and nothing went wrong in the page (no CSP violation either).</summary>
    internal static void AssertSelfContained(ReportPageSession session)
    {
        Assert.Empty(session.Errors);
        Assert.All(session.Requests, u => Assert.StartsWith("file:", u, StringComparison.Ordinal));
    }
}
