using Microsoft.Playwright;
using ProbeSim.Reports.Html;

namespace ProbeSim.Reports.Tests.Html.Browser;

/// <summary>The check report steps through a violation's trace; the diff report lists and filters the changed devices per board.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class CheckAndDiffBrowserTests(ChromiumFixture chromium)
{
    private const string CheckJson = """
        {"board":"probesim-demo.dts","profile":"v6.6","schedules":24,"violations":[
          {"invariant":"deferred-consumer-has-failed-supplier","severity":"error",
           "description":"12200000.mmc waits forever on a clock controller whose probe failed","device":"12200000.mmc",
           "trace":[
             {"step":1,"event":"10000000.clock-controller: probe fails with -EIO","log":["[    0.004000] probesim-demo-cru 10000000.clock-controller: probe with driver probesim-demo-cru failed with error -5"]},
             {"step":2,"event":"12200000.mmc: probe deferred (supplier not ready)","log":["[    0.005065] platform 12200000.mmc: deferred probe pending"]},
             {"step":3,"event":"deferred_probe_timeout: 12200000.mmc stays deferred","log":["[   10.010150] platform 12200000.mmc: deferred probe pending: platform: supplier 10000000.clock-controller not ready"]}]},
          {"invariant":"dma-owner-exclusive","severity":"warning","description":"a second owner claimed group 0","device":"12100000.dma-controller","trace":[]}]}
        """;

    private const string DiffJson = """
        {"a":"v6.1, drivers default","b":"v6.6, drivers default","changes":[
          {"board":"renesas/r8a77951-salvator-x.dtb","device":"e6740000.iommu","field":"state","before":"bound","after":"deferred","cause":"fw_devlink=on waits for the power domain"},
          {"board":"renesas/r8a77951-salvator-x.dtb","device":"e6800000.ethernet","field":"dmaOps","before":"iommu-dma","after":"direct","cause":"its IOMMU is deferred"},
          {"board":"rockchip/rk3399-rockpro64.dtb","device":"ff8f0000.vop","field":"iommuGroup","before":"3","after":"4","cause":null}]}
        """;

    [Fact]
    public async Task Check_report_steps_through_the_violation_trace_and_links_to_the_device()
    {
        var boot = ReportBoards.DemoWithBrokenClock();
        var html = HtmlReportBrowserTests.WriteReport("check-report.html", w => HtmlReport.WriteCheck(w, CheckJson, boot));
        await using var session = await ReportPageSession.OpenAsync(chromium.Browser, html);
        var page = session.Page;

        await Assertions.Expect(page.Locator("#view-check")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#step-label")).ToHaveTextAsync("Step 1 of 3");
        await page.ClickAsync("#step-next");
        await Assertions.Expect(page.Locator("#step-label")).ToHaveTextAsync("Step 2 of 3");
        await Assertions.Expect(page.Locator("ol.trace li.current")).ToContainTextAsync("deferred probe pending");
        await Assertions.Expect(page.Locator("ol.trace li.done")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts("browser"), "check-report.png") });
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator("#step-label")).ToHaveTextAsync("Step 3 of 3");
        await Assertions.Expect(page.Locator("#step-next")).ToBeDisabledAsync();

        await page.ClickAsync(".violation a.link");
        await Assertions.Expect(page.Locator("#view-graph")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#panel-body h2")).ToHaveTextAsync("12200000.mmc");
        HtmlReportBrowserTests.AssertSelfContained(session);
    }

    [Fact]
    public async Task Diff_report_lists_changed_devices_per_board_and_filters_them()
    {
        var html = HtmlReportBrowserTests.WriteReport("diff-report.html", w => HtmlReport.WriteDiff(w, DiffJson));
        await using var session = await ReportPageSession.OpenAsync(chromium.Browser, html);
        var page = session.Page;

        var boards = page.Locator(".diff-view details");
        await Assertions.Expect(boards).ToHaveCountAsync(2);
        await Assertions.Expect(boards.Nth(0).Locator("summary")).ToContainTextAsync("renesas/r8a77951-salvator-x.dtb \u2014 2 devices changed");
        await page.FillAsync(".diff-view input[type=search]", "deferred");
        await Assertions.Expect(page.Locator(".diff-view tbody tr:not([hidden])")).ToHaveCountAsync(2);
        await page.FillAsync(".diff-view input[type=search]", "");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts("browser"), "diff-report.png") });
        HtmlReportBrowserTests.AssertSelfContained(session);
    }
}
