using Microsoft.Playwright;

namespace ProbeSim.Reports.Tests.Html.Browser;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, or <c>PROBESIM_CHROMIUM</c>) started headless once for the browser
/// tests through Microsoft.Playwright. Playwright's own browser downloads are never used. When the browser is missing
/// every test of the class fails with a message saying how to install it: it is never skipped.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string DefaultPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("PROBESIM_CHROMIUM") is { Length: > 0 } p ? p : DefaultPath;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("chromium was not started");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"The HTML report's browser test needs Debian's chromium at {ExecutablePath}, which is missing. " +
                "Run scripts/setup.sh as root (it runs 'apt-get install chromium'), or set PROBESIM_CHROMIUM to a Chromium binary.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
