using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>Issue 12: the create-link page shows the team's policy before submitting: expiry filled in and presets, password asked for.</summary>
public sealed class CreateLinkPolicyTests(HostProcess host) : IClassFixture<HostProcess>
{
    [Fact]
    public async Task Issue12_create_link_fills_the_longest_allowed_expiry_offers_presets_and_asks_for_a_required_password_first()
    {
        var adam = await host.ApiAsync("adam@acme.test");
        var settings = JsonNode.Parse(await adam.GetStringAsync("/api/admin/policy"))!["settings"]!.AsObject();
        settings["maxExternalLinkExpiryDays"] = 10;
        settings["requirePasswordForExternalLinks"] = true;
        Assert.True((await adam.PutAsJsonAsync("/api/admin/policy", new JsonObject { ["settings"] = settings.DeepClone() })).IsSuccessStatusCode);

        var mia = await host.ApiAsync("mia@acme.test");
        var space = (await mia.GetFromJsonAsync<JsonElement>("/api/spaces"))[0].GetProperty("id").GetString();
        using var form = new MultipartFormDataContent { { new StringContent("policy"), "file", "policy.txt" } };
        var file = (await (await mia.PostAsync($"/api/spaces/{space}/files", form)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/links/new?itemId={file}");
        var expires = page.GetByLabel("Expires (outside links: at most 10 days)");
        var local = await page.EvaluateAsync<string>("() => { const d = new Date(Date.now() + DAYS * 86400000); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); }".Replace("DAYS", "10"));
        Assert.StartsWith(local, await expires.InputValueAsync());

        var presets = page.GetByRole(AriaRole.Group, new() { Name = "Expiry presets" }).GetByRole(AriaRole.Button);
        Assert.Equal(["1 day", "7 days"], await presets.AllInnerTextsAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "7 days" }).ClickAsync();
        var week = await page.EvaluateAsync<string>("() => { const d = new Date(Date.now() + 7 * 86400000); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); }");
        Assert.StartsWith(week, await expires.InputValueAsync());

        await page.GetByLabel("Who can open the link").SelectOptionAsync("anyone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await page.GetByText("Your team's policy requires a password on links outside the team.").WaitForAsync();
        var shares = await mia.GetFromJsonAsync<JsonElement>("/api/shares");
        Assert.Equal(0, shares.GetProperty("items").GetArrayLength());

        await page.GetByLabel("Password (required for outside links)").FillAsync("abc123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await page.GetByLabel("Link", new() { Exact = true }).WaitForAsync();
        var made = (await mia.GetFromJsonAsync<JsonElement>("/api/shares")).GetProperty("items")[0];
        Assert.True(made.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(DateTime.UtcNow.AddDays(7).Date, made.GetProperty("expiresAt").GetDateTime().ToUniversalTime().Date, TimeSpan.FromDays(1));
    }
}
