using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>
/// Issue 14 / issue 12 in a real browser with real mail: an admin invites a person, who joins from the mail and chooses a
/// password; later they forget it and choose a new one from the sign-in page.
/// </summary>
[StartsEarly("One of the longest classes, and it used to start near the end.")]
public sealed partial class AccountJourneyTests(HostWithMail host) : IClassFixture<HostWithMail>
{
    [GeneratedRegex(@"https?://[^\s""<>]+/(join|reset-password)\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex MailedLink();

    private async Task<string> NthMailLinkAsync(string address, int n) => MailedLink().Match(await host.WaitForMailTo(address, n)).Value;

    [Fact]
    public async Task ID2_V6_Issue28_an_invited_person_joins_from_the_mail_later_resets_a_forgotten_password_and_sets_their_mails()
    {
        var email = $"joiner-{Guid.NewGuid():N}@example.org";
        await using var browser = await Chromium.SessionAsync();

        var admin = await browser.NewPageAsync();
        await Chromium.SignInAsync(admin, host.BaseUrl, "adam@acme.test");
        await admin.GotoAsync($"{host.BaseUrl}/admin/members");
        await admin.Locator("#new-email").FillAsync(email);
        await admin.Locator("#new-name").FillAsync("Jo Joiner");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation sent to {email}");
        await Assertions.Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Invitations waiting to be accepted" })).ToContainTextAsync(email);

        var person = await (await browser.NewContextAsync()).NewPageAsync();
        await person.GotoAsync(await NthMailLinkAsync(email, 1));
        await Assertions.Expect(person.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join Acme on TeamShare");
        await person.GetByLabel("Password", new() { Exact = true }).FillAsync("joined-Password-1");
        await person.GetByLabel("The same password again").FillAsync("joined-Password-1");
        await person.GetByRole(AriaRole.Button, new() { Name = "Join Acme" }).ClickAsync();
        await person.WaitForURLAsync(new Regex("/files"));

        // Forgotten on another computer: "Forgot your password?" on the sign-in page.
        var later = await (await browser.NewContextAsync(new() { TimezoneId = "Asia/Tokyo" })).NewPageAsync();
        await later.GotoAsync($"{host.BaseUrl}/signin");
        await later.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await later.GetByLabel("E-mail").FillAsync(email);
        await later.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(later.GetByRole(AriaRole.Status)).ToContainTextAsync("is on its way");
        await later.GotoAsync(await NthMailLinkAsync(email, 2));
        await later.GetByLabel("New password").FillAsync("remembered-Password-2");
        await later.GetByLabel("The same password again").FillAsync("remembered-Password-2");
        await later.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await Assertions.Expect(later.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");

        await later.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).Last.ClickAsync();
        await later.GetByLabel("E-mail").FillAsync(email);
        await later.GetByLabel("Password").FillAsync("remembered-Password-2");
        await later.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await later.WaitForURLAsync(new Regex("/files"));

        // Issue 28: that sign-in gave the account the browser's zone for mails; the notifications page turns a mail off.
        await later.GotoAsync($"{host.BaseUrl}/account/tokens");
        await Assertions.Expect(later.GetByLabel("Times in your mails")).ToHaveValueAsync("Asia/Tokyo");
        // Stored, not only proposed by the page's script (which marks a select it proposes for).
        Assert.NotEqual("propose", await later.GetByLabel("Times in your mails").GetAttributeAsync("data-browser-time-zone"));
        await later.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).ClickAsync();
        var sharedWithMe = later.GetByRole(AriaRole.Switch, new() { Name = "someone shares a file or folder with me" });
        await Assertions.Expect(sharedWithMe).ToBeCheckedAsync();
        await sharedWithMe.UncheckAsync();
        await later.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(later.GetByRole(AriaRole.Status)).ToContainTextAsync("Your choices are saved.");
        await later.ReloadAsync();
        await Assertions.Expect(later.GetByRole(AriaRole.Switch, new() { Name = "someone shares a file or folder with me" })).Not.ToBeCheckedAsync();
        await Assertions.Expect(later.GetByRole(AriaRole.Switch, new() { Name = "my links have expired" })).ToBeCheckedAsync();
    }

    [Fact]
    public async Task ID8_Issue29_a_member_turns_on_two_factor_on_the_account_page_and_signs_in_with_a_recovery_code()
    {
        var email = $"authenticator-{Guid.NewGuid():N}@acme.test";
        Assert.True((await (await host.ApiAsync("olivia@acme.test")).PostAsJsonAsync("/api/admin/members",
            new { email, displayName = "Otto Authenticator", password = "demo-Password1" })).IsSuccessStatusCode);
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, email);
        await page.GotoAsync($"{host.BaseUrl}/account/tokens");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var secret = await page.GetByLabel("Key for your authenticator app").InputValueAsync();
        // What the phone's app shows now.
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow);
        await page.GetByLabel("Code the app shows").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn two-factor sign-in on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor sign-in is on.");
        var recovery = await page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem).AllInnerTextsAsync();
        Assert.Equal(10, recovery.Count);

        // Another browser: the password leads to the code page, and a recovery code opens the account.
        var later = await (await browser.NewContextAsync()).NewPageAsync();
        await later.GotoAsync($"{host.BaseUrl}/signin");
        await later.Locator("#email").FillAsync(email);
        await later.Locator("#password").FillAsync("demo-Password1");
        await later.Locator("#main form button[type=submit]").ClickAsync();
        await later.WaitForURLAsync(new Regex("/signin/code"));
        await later.GetByLabel("Code from your authenticator app").FillAsync(recovery[0]);
        await later.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await later.WaitForURLAsync(new Regex("/files"));
        await later.GotoAsync($"{host.BaseUrl}/account/tokens");
        await Assertions.Expect(later.GetByText("Recovery codes left: 9.")).ToBeVisibleAsync();
    }
}
