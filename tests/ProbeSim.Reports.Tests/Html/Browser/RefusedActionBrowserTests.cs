using Microsoft.Playwright;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Reports.Html;
using ProbeSim.Reports.Tests.Actions;

namespace ProbeSim.Reports.Tests.Html.Browser;

/// <summary>
/// The HTML report shows a user action the kernel refused (issue 15, item 5): VFIO_GROUP_SET_CONTAINER on a group whose
/// other function is bound to e1000e, -EPERM in Linux v6.1 (drivers/vfio/container.c:446-450, drivers/iommu/iommu.c:3181-3183),
/// as a red line in the device's table row and as a section of its side panel; the group-mate's panel names the refusal it caused.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RefusedActionBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task The_table_row_and_the_panel_show_the_refused_action()
    {
        var (kernel, result) = RefusedVfio.Boot();
        var set = RefusedVfio.Action(result, UserActionKind.VfioSetContainer, "0000:01:00.1");
        var line = $"vfio-set-container at {SimTime.Seconds(set.TimeUs)} s: -1 EPERM, group 1 is not viable: 0000:01:00.0 is bound to e1000e, a kernel DMA-API driver";
        var html = HtmlReportBrowserTests.WriteReport(BootReportData.Create(kernel, result), "boot-report-refused.html");

        await using var session = await ReportPageSession.OpenAsync(chromium.Browser, html);
        var page = session.Page;
        await page.ClickAsync("#tab-table");
        await page.FillAsync("#table-filter", "not viable");
        var rows = page.Locator("#devices tbody tr:not([hidden])");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Locator("td .refused").First).ToHaveTextAsync("refused: " + line);

        await rows.First.ClickAsync();
        var panel = page.Locator("#panel-body");
        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync("0000:01:00.1");
        await Assertions.Expect(panel.Locator(".refused-action").First).ToHaveTextAsync(line);
        await Assertions.Expect(panel).ToContainTextAsync("(user space) /dev/vfio/1: VFIO_GROUP_SET_CONTAINER: Operation not permitted");
        await Assertions.Expect(panel).ToContainTextAsync("(user space) qemu: vfio 0000:01:00.1: group 1 is not viable");

        await page.FillAsync("#table-filter", "0000:01:00.0");
        await page.ClickAsync("#devices tbody tr:not([hidden]) >> text=\"0000:01:00.0\"");
        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync("0000:01:00.0");
        await Assertions.Expect(panel).ToContainTextAsync("User actions refused because of this device");
        await Assertions.Expect(panel).ToContainTextAsync("0000:01:00.1: " + line);
        HtmlReportBrowserTests.AssertSelfContained(session);
    }
}
