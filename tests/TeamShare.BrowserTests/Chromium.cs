using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright; no browser download is ever attempted.</summary>
public static class Chromium
{
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return (playwright, browser);
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
