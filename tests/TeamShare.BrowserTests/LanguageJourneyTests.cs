using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>Issue 11: a Polish browser gets Polish pages; the member's own choice of language follows them to other browsers.</summary>
public sealed class LanguageJourneyTests(HostProcess host) : IClassFixture<HostProcess>
{
    [Fact]
    public async Task Issue11_a_Polish_browser_shows_Polish_and_the_language_switch_is_kept_for_the_member()
    {
        await using var browser = await Chromium.SessionAsync();

        var polish = await (await browser.NewContextAsync(new() { Locale = "pl-PL" })).NewPageAsync();
        await Chromium.SignInAsync(polish, host.BaseUrl, "mark@acme.test");
        await polish.GetByRole(AriaRole.Link, new() { Name = "Udostępnione dla mnie" }).WaitForAsync();
        await Assertions.Expect(polish.GetByText("Prześlij pliki")).ToBeVisibleAsync();
        Assert.Equal("pl", await polish.GetAttributeAsync("html", "lang"));

        // The member chooses English in the Polish browser; another, Polish browser of theirs then shows English too.
        await polish.GetByLabel("Język").SelectOptionAsync("en");
        await polish.GetByRole(AriaRole.Button, new() { Name = "Zmień" }).ClickAsync();
        await polish.GetByRole(AriaRole.Link, new() { Name = "Shared with me" }).WaitForAsync();

        var other = await (await browser.NewContextAsync(new() { Locale = "pl-PL" })).NewPageAsync();
        await Chromium.SignInAsync(other, host.BaseUrl, "mark@acme.test");
        await other.GetByRole(AriaRole.Link, new() { Name = "Shared with me" }).WaitForAsync();
        Assert.Equal(0, await other.GetByText("Prześlij pliki").CountAsync());

        await other.GetByLabel("Language").SelectOptionAsync("pl");
        await other.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
        await other.GetByRole(AriaRole.Link, new() { Name = "Udostępnione dla mnie" }).WaitForAsync();
    }

    [Fact]
    public async Task Issue11_Polish_browsers_get_Polish_pages_scripts_the_share_dialog_and_the_admins_sharing_settings()
    {
        await using var browser = await Chromium.SessionAsync();
        var page = await (await browser.NewContextAsync(new() { Locale = "pl-PL" })).NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Wyloguj" })).ToBeVisibleAsync();

        // What the page's scripts write is Polish too: the selection bar, and the share dialog they open.
        await page.GetByRole(AriaRole.Link, new() { Name = "Acme Shared" }).ClickAsync();
        await page.GetByLabel("Zaznacz: Handbook").CheckAsync();
        await Assertions.Expect(page.Locator("#selection-count")).ToHaveTextAsync("Zaznaczono 1: Handbook");
        await page.Locator("#selection-bar").GetByRole(AriaRole.Button, new() { Name = "Udostępnij" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Udostępnij „Handbook”" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Osoby z dostępem" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#people-with-access")).ToContainTextAsync("Właściciel");

        page = await (await browser.NewContextAsync(new() { Locale = "pl-PL" })).NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "olivia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/admin/policy");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Zasady udostępniania", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Zezwalaj na udostępnianie poza zespół")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lista zatwierdzonych" }).First).ToBeVisibleAsync();
    }
}
