using System.Security.Cryptography;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

public sealed class ShareLinkJourneyTests(HostProcess host) : IClassFixture<HostProcess>
{
    [Fact]
    public async Task LK1_mia_uploads_creates_a_link_and_a_stranger_downloads_the_same_bytes()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var mia = await browser.NewContextAsync();
        await mia.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseUrl });
        var page = await mia.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");

        await page.GetByLabel("Upload files").SetInputFilesAsync(new FilePayload
        {
            Name = "quarterly figures.bin", MimeType = "application/octet-stream", Buffer = bytes,
        });
        await page.GetByRole(AriaRole.Link, new() { Name = "quarterly figures.bin", Exact = true }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Create link for quarterly figures.bin" }).ClickAsync();
        await page.GetByLabel("Remarks for the recipient").FillAsync("Numbers for Friday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = page.GetByLabel("Link", new() { Exact = true });
        await link.WaitForAsync();
        var url = await link.InputValueAsync();
        Assert.StartsWith($"{host.BaseUrl}/s/", url);

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await page.GetByText("Link copied to the clipboard.").WaitForAsync();
        Assert.Equal(url, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        // A fresh context: no cookies, no account.
        var stranger = await browser.NewContextAsync(new() { AcceptDownloads = true });
        var visit = await stranger.NewPageAsync();
        await visit.GotoAsync(url);
        await visit.GetByText("Numbers for Friday").WaitForAsync();
        var download = await visit.RunAndWaitForDownloadAsync(() =>
            visit.GetByRole(AriaRole.Link, new() { Name = "Download quarterly figures.bin" }).ClickAsync());
        Assert.Equal("quarterly figures.bin", download.SuggestedFilename);
        Assert.Equal(bytes, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    [Fact]
    public async Task LK7_a_wrong_link_shows_one_plain_sentence()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync($"{host.BaseUrl}/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(404, response!.Status);
        await page.GetByText("This link does not exist. Check that you copied all of it.").WaitForAsync();
    }
}
