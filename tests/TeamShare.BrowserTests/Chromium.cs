using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright; no browser download is ever attempted.</summary>
public static class Chromium
{
    // Starting Playwright's driver and a Chromium took ~2.5 s of each test's CPU; a test now borrows a running one and gets
    // fresh browser contexts (their own cookies, storage and cache), which is the isolation Playwright's own runners give.
    // One borrower at a time per browser, so no instance is driven from two tests at once.
    private static readonly ConcurrentBag<(IPlaywright Playwright, IBrowser Browser)> Idle = [];

    /// <summary>A browser for one test: every context and page it opens is closed when the test disposes it.</summary>
    public static async Task<BrowserSession> SessionAsync()
    {
        while (Idle.TryTake(out var running))
        {
            if (running.Browser.IsConnected) return new BrowserSession(running);
            running.Playwright.Dispose();
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new BrowserSession((playwright, browser));
    }

    public sealed class BrowserSession((IPlaywright Playwright, IBrowser Browser) running) : IAsyncDisposable
    {
        private readonly List<IBrowserContext> _contexts = [];

        public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
        {
            var context = await running.Browser.NewContextAsync(options);
            _contexts.Add(context);
            return context;
        }

        /// <summary>A page in a context of its own, as <see cref="IBrowser.NewPageAsync"/> makes it.</summary>
        public async Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null)
        {
            var page = await running.Browser.NewPageAsync(options);
            _contexts.Add(page.Context);
            return page;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var context in _contexts)
            {
                try { await context.CloseAsync(); }
                catch (PlaywrightException) { /* the browser went away with the test; it is not reused */ }
            }
            Idle.Add(running);
        }
    }

    public static async Task SignInAsync(IPage page, string baseUrl, string email)
    {
        await page.GotoAsync($"{baseUrl}/signin");
        // By the fields' ids: the page speaks the browser's language (issue 11).
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("demo-Password1");
        await page.Locator("#main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/files**");
    }
}
