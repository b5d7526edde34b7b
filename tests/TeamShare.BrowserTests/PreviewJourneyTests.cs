using Microsoft.Playwright;
using TeamShare.IntegrationTests;

namespace TeamShare.BrowserTests;

/// <summary>
/// Issue 25 in Chromium: thumbnails in the file list and the grid view; the paged viewer on the file's page and, for a
/// preview-only recipient, on the link's page at 1280 and 390 px, with no way to download.
/// </summary>
public sealed class PreviewJourneyTests(HostProcess host) : IClassFixture<HostProcess>
{
    /// <summary>The viewer lists every page and the first has loaded; the others load as they come into view.</summary>
    private const string PagesShown =
        "n => document.querySelectorAll('.pages-viewer img.page').length === n && document.querySelector('.pages-viewer img.page').classList.contains('loaded')";

    [Fact]
    public async Task SP4_thumbnails_in_the_list_and_grid_and_a_paged_viewer_for_members_and_preview_only_recipients_at_1280_and_390()
    {
        await using var browser = await Chromium.SessionAsync();
        var name = $"report-{Guid.NewGuid():N}.pdf";

        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.GetByLabel("Upload files").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "application/pdf", Buffer = Documents.Pdf(["First page", "Second page", "Third page"]),
        });
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });
        await row.WaitForAsync();
        var thumbnail = row.Locator("img[data-thumb]");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img[data-thumb]')].some(i => i.naturalWidth > 0)",
            null, new() { Timeout = 90_000 });
        Assert.True(await thumbnail.EvaluateAsync<bool>("i => i.naturalWidth > 0 && i.naturalWidth <= 256"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Grid", Exact = true }).ClickAsync();
        Assert.Contains("files-grid", await page.Locator("#items-table").GetAttributeAsync("class") ?? "");
        Assert.True((await thumbnail.BoundingBoxAsync())!.Width >= 100, "the grid shows large thumbnails");
        await page.ReloadAsync();
        Assert.Contains("files-grid", await page.Locator("#items-table").GetAttributeAsync("class") ?? "");
        await page.GetByRole(AriaRole.Button, new() { Name = "List", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync(PagesShown, 3);
        Assert.Equal(3, await page.Locator(".pages-viewer img.page").CountAsync());

        var api = await host.ApiAsync("mia@acme.test");
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var url = (await api.ShareOk(new { itemIds = new[] { id }, allowDownload = false })).GetProperty("url").GetString()!;

        foreach (var width in new[] { 1280, 390 })
        {
            var visitor = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 844 } })).NewPageAsync();
            await visitor.GotoAsync(url);
            Assert.Equal(0, await visitor.GetByRole(AriaRole.Link, new() { Name = $"Download {name}" }).CountAsync());
            await visitor.GetByRole(AriaRole.Button, new() { Name = $"Preview {name}" }).ClickAsync();
            var dialog = visitor.Locator("#preview-dialog");
            await visitor.WaitForFunctionAsync(PagesShown, 3);
            Assert.False(await dialog.Locator("a[download]").IsVisibleAsync(), "a preview-only link offers no download");
            var pageBox = (await dialog.Locator("img.page").First.BoundingBoxAsync())!;
            Assert.True(pageBox.Width <= width, $"a page fits {width} px");
            Assert.True(pageBox.Width >= width * 0.6, $"a page fills the width of {width} px");
            await visitor.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"teamshare-viewer-{width}.png") });
            Assert.True(await visitor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                await visitor.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')"));
            // The arrow key turns to the next page.
            await dialog.Locator(".pages-viewer").FocusAsync();
            await visitor.Keyboard.PressAsync("ArrowDown");
            await visitor.WaitForFunctionAsync("() => document.querySelector('.pages-viewer').scrollTop > 0");
            await visitor.WaitForFunctionAsync("() => document.querySelectorAll('.pages-viewer img.page.loaded').length >= 2");
            await visitor.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"teamshare-viewer-{width}.png") });
        }
    }
}
