using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>Issue 11: a Polish browser gets Polish pages; the member's own choice of language follows them to other browsers.</summary>
public sealed class LanguageJourneyTests(HostProcess host) : IClassFixture<HostProcess>
{
    [Fact]
    public async Task Issue11_a_Polish_browser_shows_Polish_and_the_language_switch_is_kept_for_the_member()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

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
        await other.GetByRole(AriaRole.Link, new() { Name = "Moje pliki" }).WaitForAsync();
    }
}
