using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>Issue 12, phones: at 390×844 no page is wider than the screen, the menu folds away, the share dialog fits; issue 28: a
/// file row keeps its Share and ⋮ on screen.</summary>
public sealed class PhoneLayoutTests(HostProcess host) : IClassFixture<HostProcess>
{
    /// <summary>Against the phone's 390 px, not innerWidth: a mobile browser widens its layout viewport (and innerWidth) to
    /// content that overflows, so comparing with innerWidth could never fail.</summary>
    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var (scroll, inner) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("innerWidth"));
        Assert.True(scroll <= 390 && inner <= 390, $"{what} is {scroll} px wide (layout viewport {inner} px) on a 390 px screen");
    }

    [Fact]
    public async Task Issue12_signed_in_pages_the_share_dialog_and_a_link_page_fit_a_phone_and_the_menu_folds()
    {
        using var api = await host.ApiAsync("mia@acme.test");
        var space = (await api.GetFromJsonAsync<JsonElement>("/api/spaces"))[0].GetProperty("id").GetString();
        using var form = new MultipartFormDataContent { { new StringContent("a file with a rather long name to test wrapping"), "file", "quarterly-report-with-a-very-long-file-name-2026-final-v3.txt" } };
        var file = (await (await api.PostAsync($"/api/spaces/{space}/files", form)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var url = (await (await api.PostAsJsonAsync("/api/shares", new { itemIds = new[] { file }, remarks = "For Friday" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        await using var browser = await Chromium.SessionAsync();
        var phone = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await phone.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");

        // The menu is folded behind its button and opens on a tap.
        var myShares = page.GetByRole(AriaRole.Link, new() { Name = "My Shares" });
        Assert.False(await myShares.IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        Assert.True(await myShares.IsVisibleAsync());

        foreach (var path in new[] { "/files", "/recent", "/starred", "/shares", "/shared", "/trash", $"/items/{file}", "/account/tokens", "/account/webdav", "/account/notifications" })
        {
            await page.GotoAsync(host.BaseUrl + path);
            await AssertFitsAsync(page, path);
        }

        await page.GotoAsync($"{host.BaseUrl}/files");
        // Issue 28: a row's Share and ⋮ are on the screen, not beyond it in a table that scrolls sideways.
        foreach (var control in new[]
                 {
                     page.GetByRole(AriaRole.Link, new() { Name = "Share quarterly-report-with-a-very-long-file-name-2026-final-v3.txt" }),
                     page.GetByLabel("More actions for quarterly-report-with-a-very-long-file-name-2026-final-v3.txt"),
                 })
        {
            var at = (await control.BoundingBoxAsync())!;
            Assert.True(at.X >= 0 && at.X + at.Width <= 390, $"a row's control spans {at.X}..{at.X + at.Width} on a 390 px screen");
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Share quarterly-report-with-a-very-long-file-name-2026-final-v3.txt" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.WaitForAsync();
        var box = (await dialog.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the share dialog spans {box.X}..{box.X + box.Width}");
        await AssertFitsAsync(page, "the files page with the share dialog");

        var admin = await phone.NewPageAsync();
        await Chromium.SignInAsync(admin, host.BaseUrl, "adam@acme.test");
        foreach (var path in new[] { "/admin/members", "/admin/departments", "/admin/policy", "/admin/activity", "/admin/spaces", "/admin/mail", "/admin/links", "/admin/chat" })
        {
            await admin.GotoAsync(host.BaseUrl + path);
            await AssertFitsAsync(admin, path);
        }
        // Issue 28: in Polish too (the members page was 406 px wide: its language select).
        using (var adam = await host.ApiAsync("adam@acme.test"))
            Assert.True((await adam.PutAsJsonAsync("/api/me/language", new { locale = "pl" })).IsSuccessStatusCode);
        var polish = await phone.NewPageAsync();
        await Chromium.SignInAsync(polish, host.BaseUrl, "adam@acme.test");
        foreach (var path in new[] { "/admin/members", "/admin/policy", "/admin/activity", "/files", "/shares", "/starred" })
        {
            await polish.GotoAsync(host.BaseUrl + path);
            Assert.Equal("pl", await polish.GetAttributeAsync("html", "lang"));
            await AssertFitsAsync(polish, path + " in Polish");
        }

        var stranger = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true })).NewPageAsync();
        await stranger.GotoAsync(url);
        await stranger.GetByText("For Friday").WaitForAsync();
        await AssertFitsAsync(stranger, "a link page");
    }
}
