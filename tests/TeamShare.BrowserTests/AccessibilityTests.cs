using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace TeamShare.BrowserTests;

/// <summary>
/// Issue 12: axe-core (npm, installed by the test command into tests/TeamShare.BrowserTests/axe) on every page a member, an
/// admin and a link's recipient see: no serious or critical violation (contrast, names, labels, landmarks…), and one h1 each.
/// </summary>
[StartsEarly("Long (axe over every page), and it used to start last and end the run alone.")]
public sealed class AccessibilityTests(HostProcess host, ITestOutputHelper output) : IClassFixture<HostProcess>
{
    private static string AxeScript()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TeamShare.sln"))) directory = directory.Parent;
        var path = Path.Combine(directory!.FullName, "tests", "TeamShare.BrowserTests", "axe", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(path), $"axe-core is missing at {path}: run ./scripts/test.sh, which installs it");
        return path;
    }

    private static async Task<List<string>> ViolationsAsync(IPage page, string what)
    {
        await page.AddScriptTagAsync(new() { Path = AxeScript() });
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)
            """);
        var violations = found.EnumerateArray().Select(v => $"{what}: {v.GetString()}").ToList();
        // Issue 12: each page has exactly one h1, the page's name for screen readers and search.
        var headings = await page.Locator("h1").CountAsync();
        if (headings != 1) violations.Add($"{what}: {headings} h1 elements, not one");
        return violations;
    }

    [Fact]
    public async Task Issue12_axe_finds_no_serious_or_critical_violation_on_any_page()
    {
        using var api = await host.ApiAsync("mia@acme.test");
        var space = (await api.GetFromJsonAsync<JsonElement>("/api/spaces"))[0].GetProperty("id").GetString();
        using var form = new MultipartFormDataContent { { new StringContent("notes"), "file", "notes.txt" } };
        var file = (await (await api.PostAsync($"/api/spaces/{space}/files", form)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var share = await (await api.PostAsJsonAsync("/api/shares", new { itemIds = new[] { file }, remarks = "Have a look" })).Content.ReadFromJsonAsync<JsonElement>();
        var url = share.GetProperty("url").GetString()!;

        await using var browser = await Chromium.SessionAsync();
        var violations = new List<string>();
        // Our CSP refuses inline scripts, which is how axe is injected; only this test's browser looks past it.
        async Task<IPage> PageAsync() => await (await browser.NewContextAsync(new() { BypassCSP = true })).NewPageAsync();

        var anonymous = await PageAsync();
        await anonymous.GotoAsync($"{host.BaseUrl}/signin");
        violations.AddRange(await ViolationsAsync(anonymous, "/signin"));
        await anonymous.GotoAsync(url);
        violations.AddRange(await ViolationsAsync(anonymous, "a link page"));
        await anonymous.GotoAsync($"{host.BaseUrl}/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        violations.AddRange(await ViolationsAsync(anonymous, "a wrong link"));
        foreach (var path in new[] { "/forgot-password", "/reset-password?token=x", "/join?token=x" })
        {
            await anonymous.GotoAsync(host.BaseUrl + path);
            violations.AddRange(await ViolationsAsync(anonymous, path));
        }

        var member = await PageAsync();
        await Chromium.SignInAsync(member, host.BaseUrl, "mia@acme.test");
        foreach (var path in new[] { "/files", "/shared", "/shares", $"/shares/{share.GetProperty("id").GetString()}", "/trash", $"/items/{file}",
                     $"/share/{file}", $"/links/new?itemId={file}", "/account/tokens", "/account/webdav", "/account/notifications", "/api-docs" })
        {
            await member.GotoAsync(host.BaseUrl + path);
            violations.AddRange(await ViolationsAsync(member, path));
        }

        var admin = await PageAsync();
        await Chromium.SignInAsync(admin, host.BaseUrl, "olivia@acme.test");
        foreach (var path in new[] { "/admin", "/admin/members", "/admin/departments", "/admin/spaces", "/admin/storage", "/admin/policy", "/admin/approved", "/admin/activity", "/admin/links", "/admin/mail", "/admin/chat", "/search?q=plan" })
        {
            await admin.GotoAsync(host.BaseUrl + path);
            violations.AddRange(await ViolationsAsync(admin, path));
        }
        foreach (var v in violations) output.WriteLine(v);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
