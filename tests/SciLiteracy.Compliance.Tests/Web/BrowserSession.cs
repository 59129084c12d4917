using Microsoft.Playwright;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>
/// Debian's chromium driven by Playwright (its own browser download cannot reach its servers here; ./test.sh installs
/// the package). Tests skip, saying why, only where no chromium is installed.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] Arguments =
        ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string? Unavailable => File.Exists(Chromium) ? null : $"no browser: {Chromium} is not installed (`apt-get install -y chromium`)";

    public static async Task<BrowserSession> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = Arguments });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A fresh page (own cookies) of the given width; phones at 390, desktops at 1280.</summary>
    public async Task<IPage> PageAsync(int width, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        return await context.NewPageAsync();
    }

    /// <summary>True when the page is wider than its viewport (the reader would have to scroll sideways).</summary>
    public static async Task<bool> ScrollsSideways(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    /// <summary>A screenshot for docs/web.md, written where the documentation links it.</summary>
    public static Task Shoot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Repo.Path("docs", "web", name), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
