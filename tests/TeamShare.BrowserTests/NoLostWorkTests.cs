using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>Issue 12, "work lost or people locked out": each reproduced in Chromium and each failing before its fix.</summary>
[StartsEarly("One of the longest classes.")]
public sealed class NoLostWorkTests(HostProcess host) : IClassFixture<HostProcess>
{
    private static async Task<string> UploadAsync(HttpClient api, string name, string text)
    {
        var space = (await api.GetFromJsonAsync<JsonElement>("/api/spaces"))[0].GetProperty("id").GetString();
        using var form = new MultipartFormDataContent { { new StringContent(text), "file", name } };
        return (await (await api.PostAsync($"/api/spaces/{space}/files", form)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Issue12_leaving_the_editor_with_unsaved_typing_asks_first_and_after_saving_does_not()
    {
        var mia = await host.ApiAsync("mia@acme.test");
        var file = await UploadAsync(mia, "draft.txt", "First line.");
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        var asked = new List<string>();
        page.Dialog += async (_, dialog) => { asked.Add(dialog.Type); await dialog.DismissAsync(); };

        await page.GotoAsync($"{host.BaseUrl}/items/{file}");
        var text = page.Locator("#editor-text");
        await text.ClickAsync();
        await text.PressSequentiallyAsync(" Second line.");
        // Dismissing the question keeps the person on the page with their typing.
        await page.EvaluateAsync("() => { location.href = '/files'; }");
        for (var i = 0; i < 25 && asked.Count == 0; i++) await Task.Delay(200);
        Assert.Equal(["beforeunload"], asked);
        Assert.EndsWith($"/items/{file}", page.Url);
        Assert.Equal("First line. Second line.", await text.InputValueAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Save as new version" }).ClickAsync();
        // The page says it saved, then reloads itself: leave only after that reload, or the two navigations race.
        var status = page.Locator("#item-status");
        await Assertions.Expect(status).ToBeVisibleAsync();
        await Assertions.Expect(status).ToBeHiddenAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal("First line. Second line.", await mia.GetStringAsync($"/api/items/{file}/content"));
        await page.GotoAsync($"{host.BaseUrl}/files");
        Assert.Equal(["beforeunload"], asked);
    }

    [Fact]
    public async Task Issue12_an_editing_link_without_download_opens_the_editor_with_the_current_content_and_saves_it()
    {
        var mia = await host.ApiAsync("mia@acme.test");
        var file = await UploadAsync(mia, "minutes.txt", "Agreed: ship on Friday.");
        var share = await (await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { file }, allowEdit = true, allowDownload = false }))
            .Content.ReadFromJsonAsync<JsonElement>();

        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(share.GetProperty("url").GetString()!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit minutes.txt" }).ClickAsync();
        var text = page.GetByLabel("Content of minutes.txt");
        await text.WaitForAsync();
        Assert.Equal("Agreed: ship on Friday.", await text.InputValueAsync());
        await text.FillAsync("Agreed: ship on Friday. Mark brings cake.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await page.GetByText("Saved as a new version.").WaitForAsync();
        Assert.Equal("Agreed: ship on Friday. Mark brings cake.", await mia.GetStringAsync($"/api/items/{file}/content"));
    }

    [Fact]
    public async Task Issue12_reactivate_on_the_members_page_lets_a_suspended_member_back_in()
    {
        var adam = await host.ApiAsync("adam@acme.test");
        var email = $"rita-{Guid.NewGuid():N}@acme.test";
        Assert.True((await (await host.ApiAsync("olivia@acme.test")).PostAsJsonAsync("/api/admin/members", new { email, displayName = "Rita Returns", password = "demo-Password1" })).IsSuccessStatusCode);

        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "adam@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/admin/members");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend Rita Returns" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reactivate Rita Returns" }).ClickAsync();
        await page.GetByText("Member reactivated.").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend Rita Returns" }).WaitForAsync();

        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var signIn = await anonymous.PostAsJsonAsync("/api/auth/tokens", new { email, password = "demo-Password1", name = "back" });
        Assert.True(signIn.IsSuccessStatusCode, $"the reactivated member got {(int)signIn.StatusCode}");
    }

    [Fact]
    public async Task Issue12_saving_a_share_in_another_time_zone_keeps_its_expiry_and_shows_it_in_local_time()
    {
        var mia = await host.ApiAsync("mia@acme.test");
        var file = await UploadAsync(mia, "timezone.txt", "tz");
        var expires = new DateTime(DateTime.UtcNow.Year + 1, 3, 10, 15, 0, 0, DateTimeKind.Utc);
        var share = await (await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { file }, expiresAt = expires }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = share.GetProperty("id").GetString();

        await using var browser = await Chromium.SessionAsync();
        var context = await browser.NewContextAsync(new() { TimezoneId = "America/New_York" });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/shares/{id}");
        // 15:00 UTC in March (before US daylight saving starts on the second Sunday: the 10th may be either side) is 10:00 or 11:00 there.
        var shown = await page.GetByLabel("Expires").InputValueAsync();
        // Times on pages read in the viewer's zone, with UTC in the tooltip.
        var created = page.Locator("time").First;
        Assert.EndsWith("UTC", await created.GetAttributeAsync("title"));
        Assert.DoesNotContain("UTC", await created.InnerTextAsync());
        var newYork = TimeZoneInfo.ConvertTimeFromUtc(expires, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal(newYork.ToString("yyyy-MM-ddTHH:mm"), shown);
        for (var i = 0; i < 2; i++)
        {
            await page.GetByLabel("Remarks").FillAsync($"Saved {i}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            // The saved message stays from the first save, so wait for the change itself.
            var remarks = "";
            for (var t = 0; t < 50 && remarks != $"Saved {i}"; t++, await Task.Delay(200))
                remarks = (await mia.GetFromJsonAsync<JsonElement>($"/api/shares/{id}")).GetProperty("remarks").GetString() ?? "";
            Assert.Equal($"Saved {i}", remarks);
        }
        var after = await mia.GetFromJsonAsync<JsonElement>($"/api/shares/{id}");
        Assert.Equal(expires, after.GetProperty("expiresAt").GetDateTime().ToUniversalTime());
        Assert.Equal("Saved 1", after.GetProperty("remarks").GetString());
    }

    [Fact]
    public async Task Issue12_a_nine_character_link_password_is_refused_not_silently_cut()
    {
        var mia = await host.ApiAsync("mia@acme.test");
        var file = await UploadAsync(mia, "password.txt", "pw");
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/links/new?itemId={file}");
        await page.GetByLabel("Password").FillAsync("abcde1234");
        Assert.Equal("abcde1234", await page.GetByLabel("Password").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await page.GetByText("Use 6 to 8 letters and digits (case-sensitive).").WaitForAsync();
        var shares = await mia.GetFromJsonAsync<JsonElement>("/api/shares");
        Assert.DoesNotContain(shares.GetProperty("items").EnumerateArray(), s => s.GetProperty("itemIds").EnumerateArray().Any(i => i.GetString() == file));
    }

    [Fact]
    public async Task Issue12_irreversible_actions_ask_first_naming_what_happens_and_no_changes_nothing()
    {
        var adam = await host.ApiAsync("adam@acme.test");
        var email = $"nora-{Guid.NewGuid():N}@acme.test";
        Assert.True((await (await host.ApiAsync("olivia@acme.test")).PostAsJsonAsync("/api/admin/members", new { email, displayName = "Nora Nearly", password = "demo-Password1" })).IsSuccessStatusCode);
        var mia = await host.ApiAsync("mia@acme.test");
        var file = await UploadAsync(mia, "keep-sharing.txt", "k");
        var share = await (await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { file } })).Content.ReadFromJsonAsync<JsonElement>();

        await using var browser = await Chromium.SessionAsync();
        var questions = new List<string>();
        var answer = false;
        var page = await browser.NewPageAsync();
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            if (answer) await dialog.AcceptAsync(); else await dialog.DismissAsync();
        };
        await Chromium.SignInAsync(page, host.BaseUrl, "adam@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/admin/members");
        // The question names the member chosen to receive the items (issue 28), so one is chosen first.
        await page.GetByLabel("Give the items of Nora Nearly to").SelectOptionAsync(new SelectOptionValue { Label = "Mark Member" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Nora Nearly" }).ClickAsync();
        Assert.Contains("Remove Nora Nearly from the team? Their items go to Mark Member", questions.Last());
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend Nora Nearly" }).ClickAsync();
        Assert.Contains("Suspend Nora Nearly?", questions.Last());
        var members = await adam.GetFromJsonAsync<JsonElement>("/api/admin/members");
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("email").GetString() == email && m.GetProperty("isActive").GetBoolean());

        var sharer = await browser.NewPageAsync();
        sharer.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            if (answer) await dialog.AcceptAsync(); else await dialog.DismissAsync();
        };
        await Chromium.SignInAsync(sharer, host.BaseUrl, "mia@acme.test");
        await sharer.GotoAsync($"{host.BaseUrl}/shares/{share.GetProperty("id").GetString()}");
        await sharer.GetByRole(AriaRole.Button, new() { Name = "Cancel share" }).ClickAsync();
        Assert.Contains("Cancel this share?", questions.Last());
        Assert.Equal("active", (await mia.GetFromJsonAsync<JsonElement>($"/api/shares/{share.GetProperty("id").GetString()}")).GetProperty("status").GetString());

        answer = true;
        await sharer.GetByRole(AriaRole.Button, new() { Name = "Cancel share" }).ClickAsync();
        var status = "";
        for (var i = 0; i < 50 && status != "canceled"; i++, await Task.Delay(200))
            status = (await mia.GetFromJsonAsync<JsonElement>($"/api/shares/{share.GetProperty("id").GetString()}")).GetProperty("status").GetString()!;
        Assert.Equal("canceled", status);
    }

    [Fact]
    public async Task Issue12_the_sharer_copies_a_link_again_from_my_shares_and_from_the_share_page()
    {
        var mia = await host.ApiAsync("mia@acme.test");
        var file = await UploadAsync(mia, "again.txt", "again");
        var name = $"Copy again {Guid.NewGuid():N}"[..20];
        var share = await (await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { file }, name }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var url = share.GetProperty("url").GetString()!;

        await using var browser = await Chromium.SessionAsync();
        var context = await browser.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseUrl });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/shares?name={Uri.EscapeDataString(name)}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Copy link of {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Copy link of {name}" }).Filter(new() { HasText = "Copied" }).WaitForAsync();
        Assert.Equal(url, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        await page.GotoAsync($"{host.BaseUrl}/shares/{share.GetProperty("id").GetString()}");
        Assert.Equal(url, await page.GetByLabel("Link", new() { Exact = true }).InputValueAsync());
        await page.EvaluateAsync("navigator.clipboard.writeText('')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copied" }).WaitForAsync();
        Assert.Equal(url, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        // Issue 28: a new app password, shown once, is copied the same way.
        await page.GotoAsync($"{host.BaseUrl}/account/webdav");
        await page.GetByLabel("Device or program").FillAsync("laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create app password" }).ClickAsync();
        var password = await page.GetByLabel("New app password").InputValueAsync();
        Assert.False(string.IsNullOrEmpty(password));
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the app password" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the app password" }).Filter(new() { HasText = "Copied" }).WaitForAsync();
        Assert.Equal(password, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
    }
}
