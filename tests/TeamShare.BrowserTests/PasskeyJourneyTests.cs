using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>
/// A host whose public address is a name (http://localhost:port): a browser makes passkeys only for a domain name, never for
/// an IP address, and the server is the relying party of its public address.
/// </summary>
public sealed class HostByName : HostProcess
{
    public string NamedUrl => BaseUrl.Replace("127.0.0.1", "localhost");

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("TeamShare__PublicBaseUrl", NamedUrl)];
}

/// <summary>Issue 29: passkeys with Chromium's own WebAuthn stack and a virtual authenticator (DevTools' WebAuthn domain).</summary>
public sealed class PasskeyJourneyTests(HostByName host) : IClassFixture<HostByName>
{
    [Fact]
    public async Task ID8_Issue29_a_member_adds_a_passkey_on_the_account_page_uses_it_after_the_password_or_alone_and_removes_it()
    {
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        // A platform authenticator that verifies its user (as a fingerprint would) and keeps discoverable credentials.
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await Chromium.SignInAsync(page, host.NamedUrl, "mark@acme.test");
        await page.GotoAsync($"{host.NamedUrl}/account/tokens");
        await page.GetByLabel("Name of the new passkey").FillAsync("Mark's laptop");
        await page.Locator("#passkey-password").FillAsync("demo-Password1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await page.GetByRole(AriaRole.List, new() { Name = "Your passkeys" }).GetByText("Mark's laptop").WaitForAsync();

        // From now on the password alone is not enough: the second step asks for the passkey.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync($"{host.NamedUrl}/signin");
        await page.Locator("#email").FillAsync("mark@acme.test");
        await page.Locator("#password").FillAsync("demo-Password1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use your passkey" }).ClickAsync();
        await page.WaitForURLAsync("**/files**");

        // Signed out, the sign-in page's passkey button signs Mark in: no e-mail, no password.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync($"{host.NamedUrl}/signin?ReturnUrl=%2Fshares");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync("**/shares");
        await page.GotoAsync($"{host.NamedUrl}/account/tokens");
        Assert.Equal("Mark Member", await page.GetByLabel("Name others see").InputValueAsync());

        // Removed, it signs in no more, and the page says so.
        await page.GetByLabel("Your password, to remove the passkey Mark's laptop").FillAsync("demo-Password1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the passkey Mark's laptop" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.List, new() { Name = "Your passkeys" }).CountAsync());
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync($"{host.NamedUrl}/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.GetByText("That passkey does not sign in to TeamShare.").WaitForAsync();
        Assert.EndsWith("/signin", page.Url);
    }
}
