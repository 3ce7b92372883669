using System.Diagnostics;
using Microsoft.Playwright;

namespace ProbeSim.Reports.Tests.Html.Browser;

/// <summary>
/// One report opened in a fresh page: it records every request the page makes and every console error, and times
/// the open from navigation to the report's own "ready" signal (graph laid out and drawn).
/// </summary>
public sealed class ReportPageSession : IAsyncDisposable
{
    /// <summary>Hang guard only: a report that is not ready after this long has failed, whatever the machine.</summary>
    public const int ReadyTimeoutMs = 60_000;

    private readonly IBrowserContext _context;

    private ReportPageSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Every URL the page asked for (the file itself included).</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Console errors and uncaught exceptions (a Content-Security-Policy violation is one).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Wall time from the start of navigation to <c>window.probesim.ready</c>, measured by the test.</summary>
    public double OpenMs { get; private set; }

    /// <summary>The same, measured by the page (<c>performance.now()</c> at ready, from navigation start).</summary>
    public double PageReadyMs { get; private set; }

    /// <summary>The page's own breakdown (<c>window.probesim.timings</c>: script start, graph and table set-up, ready), as JSON.</summary>
    public string PageTimings { get; private set; } = "";

    public static async Task<ReportPageSession> OpenAsync(IBrowser browser, string htmlPath)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        var session = new ReportPageSession(context, page);
        page.Request += (_, r) => session.Requests.Add(r.Url);
        page.Console += (_, m) => { if (m.Type == "error") session.Errors.Add("console: " + m.Text); };
        page.PageError += (_, e) => session.Errors.Add("page error: " + e);
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri, new PageGotoOptions { Timeout = ReadyTimeoutMs });
        await page.WaitForFunctionAsync("() => window.probesim !== undefined && window.probesim.ready === true", null,
            new PageWaitForFunctionOptions { Timeout = ReadyTimeoutMs });
        session.OpenMs = watch.Elapsed.TotalMilliseconds;
        session.PageReadyMs = await page.EvaluateAsync<double>("() => window.probesim.timings.readyMs");
        session.PageTimings = await page.EvaluateAsync<string>("() => JSON.stringify(window.probesim.timings)");
        return session;
    }

    /// <summary>Clicks the device where the graph draws it.</summary>
    public async Task ClickInGraphAsync(string device)
    {
        var point = await Page.EvaluateAsync<double[]?>("name => { const p = window.probesim.graphPoint(name); return p ? [p.x, p.y] : null; }", device)
            ?? throw new InvalidOperationException($"{device} is not in the graph");
        await Page.Mouse.ClickAsync((float)point[0], (float)point[1]);
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
