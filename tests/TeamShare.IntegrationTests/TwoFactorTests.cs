using System.Net;
using System.Net.Http.Json;
using OtpNet;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 29 (two-factor): a member turns on an authenticator app (TOTP, codes computed here as the app would), after which a
/// sign-in on the page and a token both need a code or a one-time recovery code; codes are used once and guesses throttled;
/// an admin can lift a member's second factor.
/// </summary>
public sealed class TwoFactorTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private async Task<(string Email, HttpClient Api)> MemberAsync()
    {
        var email = await factory.NewMemberAsync("two-factor", "Tess Twofactor");
        return (email, await factory.ClientForAsync(email));
    }

    /// <summary>What the app shows now; the clock moves on a step first, as a person waits for the next code.</summary>
    private string NextCode(string secret)
    {
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        return new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(factory.Clock.GetUtcNow().UtcDateTime);
    }

    private async Task<string> TurnOnAsync(HttpClient api, List<string>? recoveryCodes = null)
    {
        var setup = await api.PostAsync("/api/me/totp", null);
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        var secret = (await setup.Json()).GetProperty("secret").GetString()!;
        var confirmed = await api.PostAsJsonAsync("/api/me/totp/confirm", new { code = NextCode(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        recoveryCodes?.AddRange((await confirmed.Json()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!));
        return secret;
    }

    private async Task<HttpResponseMessage> TokenAsync(string email, string? code, string address = "192.0.2.90")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/tokens")
        {
            Content = JsonContent.Create(new { email, password = TeamShareFactory.Password, name = "2fa", code }),
        };
        request.Headers.Add("X-Test-Client-Address", address);
        return await factory.Anonymous().SendAsync(request);
    }

    [Fact]
    public async Task ID8_Issue29_with_an_authenticator_on_a_token_and_a_page_sign_in_need_a_code_each_used_once_or_a_recovery_code()
    {
        var (email, api) = await MemberAsync();
        var setup = await (await api.PostAsync("/api/me/totp", null)).Json();
        Assert.Contains("issuer=TeamShare", setup.GetProperty("otpauthUri").GetString());
        var wrong = await api.PostAsJsonAsync("/api/me/totp/confirm", new { code = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Json()).GetProperty("errors").TryGetProperty("code", out _));
        // Not on until confirmed: a token still needs no code.
        Assert.Equal(HttpStatusCode.Created, (await TokenAsync(email, null)).StatusCode);
        var recovery = new List<string>();
        var secret = await TurnOnAsync(api, recovery);
        Assert.Equal(10, recovery.Distinct().Count());
        var status = await (await api.GetAsync("/api/me/totp")).Json();
        Assert.True(status.GetProperty("enabled").GetBoolean());

        // A token: 401 naming "code" without one; a code works once; a recovery code works once.
        var missing = await TokenAsync(email, null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.True((await missing.Json()).GetProperty("errors").TryGetProperty("code", out _));
        var code = NextCode(secret);
        Assert.Equal(HttpStatusCode.Created, (await TokenAsync(email, code)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(email, code)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await TokenAsync(email, recovery[0].ToUpperInvariant())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(email, recovery[0])).StatusCode);
        Assert.Equal(9, (await (await api.GetAsync("/api/me/totp")).Json()).GetProperty("recoveryCodesLeft").GetInt32());

        // The page: the password opens only the second step; nothing is reachable until the code is right.
        var browser = factory.Client();
        var signin = await browser.GetStringAsync("/signin");
        var first = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = TeamShareFactory.Password, ["__RequestVerificationToken"] = Browsers.FormToken(signin),
        }));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/signin/code", first.Headers.Location!.OriginalString);
        Assert.StartsWith("/signin", (await browser.GetAsync("/files")).Headers.Location!.OriginalString);
        var step = await browser.GetStringAsync("/signin/code");
        var refused = await browser.PostAsync("/signin/code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = "123456", ["__RequestVerificationToken"] = Browsers.FormToken(step),
        }));
        Assert.Contains("That code is not right.", await refused.Content.ReadAsStringAsync());
        var done = await browser.PostAsync("/signin/code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = NextCode(secret), ["ReturnUrl"] = "/shares", ["__RequestVerificationToken"] = Browsers.FormToken(step),
        }));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/shares", done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/files")).StatusCode);
        // A second step without a right password first goes back to the start.
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Client().GetAsync("/signin/code")).StatusCode);

        // Turned off on the account page: the password alone signs in again.
        var account = await browser.GetStringAsync("/account/tokens");
        Assert.Contains("Recovery codes left: 9.", account);
        // Only with the password typed again (ASVS V6): a browser left signed in cannot turn it off.
        FormUrlEncodedContent Off(string password) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browsers.FormToken(account), ["password"] = password,
        });
        var unconfirmed = await browser.PostAsync("/account/tokens?handler=TotpRemove", Off("not-the-password"));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Enter your password to confirm this change.", await unconfirmed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(email, null)).StatusCode);
        var off = await browser.PostAsync("/account/tokens?handler=TotpRemove", Off(TeamShareFactory.Password));
        Assert.Contains("Two-factor sign-in is off", await off.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await TokenAsync(email, null)).StatusCode);
    }

    [Fact]
    public async Task ID8_Issue29_the_account_page_sets_up_the_authenticator_and_shows_the_recovery_codes_once()
    {
        var (email, _) = await MemberAsync();
        var browser = await Browsers.SignedInAsync(factory, email);
        var account = await browser.GetStringAsync("/account/tokens");
        var started = await (await browser.PostAsync("/account/tokens?handler=TotpStart", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browsers.FormToken(account),
        }))).Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(started, "id=\"totp-secret\"[^>]*value=\"([A-Z2-7]+)\"").Groups[1].Value;
        Assert.NotEmpty(secret);
        var confirmed = await (await browser.PostAsync("/account/tokens?handler=TotpConfirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = NextCode(secret), ["__RequestVerificationToken"] = Browsers.FormToken(started),
        }))).Content.ReadAsStringAsync();
        Assert.Contains("Two-factor sign-in is on.", confirmed);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(confirmed, "<li>[a-z2-7]{5}-[a-z2-7]{5}</li>").Count);
        Assert.DoesNotContain("<li>", (await browser.GetStringAsync("/account/tokens")).Split("Two-factor sign-in")[1].Split("Password")[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(email, null)).StatusCode);
    }

    [Fact]
    public async Task ID8_Issue29_wrong_codes_are_throttled_and_an_admin_lifts_a_members_second_factor_within_the_team_only()
    {
        var (email, api) = await MemberAsync();
        var secret = await TurnOnAsync(api);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(email, $"00000{i}", "192.0.2.91")).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await TokenAsync(email, NextCode(secret), "192.0.2.91")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await TokenAsync(email, NextCode(secret), "192.0.2.92")).StatusCode);

        var id = await api.UserIdAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientForAsync("gary@globex.test")).DeleteAsync($"/api/admin/members/{id}/two-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientForAsync("mark@acme.test")).DeleteAsync($"/api/admin/members/{id}/two-factor")).StatusCode);
        var adam = await factory.ClientForAsync("adam@acme.test");
        var owner = await (await factory.ClientForAsync("olivia@acme.test")).UserIdAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await adam.DeleteAsync($"/api/admin/members/{owner}/two-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await adam.DeleteAsync($"/api/admin/members/{id}/two-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await TokenAsync(email, null, "192.0.2.93")).StatusCode);
        Assert.False((await (await api.GetAsync("/api/me/totp")).Json()).GetProperty("enabled").GetBoolean());

        // The same from the members page, where the button shows only for members who have it on.
        await TurnOnAsync(api);
        var console = await Browsers.SignedInAsync(factory, "adam@acme.test");
        var page = await console.GetStringAsync("/admin/members");
        Assert.Contains($"name=\"id\" value=\"{id}\" />\n              <button class=\"btn btn-sm btn-outline-secondary\" type=\"submit\" aria-label=\"Turn off two-factor sign-in for", page);
        var lifted = await console.PostAsync("/admin/members?handler=TwoFactor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(), ["__RequestVerificationToken"] = Browsers.FormToken(page),
        }));
        Assert.True(lifted.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, lifted.StatusCode.ToString());
        Assert.False((await (await api.GetAsync("/api/me/totp")).Json()).GetProperty("enabled").GetBoolean());

        // Both resets are in the team's activity log, by whom and for whom, in the API and on the page; not in another team's.
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var resets = (await (await olivia.GetAsync("/api/admin/activity?kind=second_factor_reset")).Json()).EnumerateArray()
            .Where(r => r.GetProperty("subjectId").GetString() == id.ToString()).ToList();
        Assert.Equal(2, resets.Count);
        Assert.All(resets, r => Assert.Equal(("Adam Admin", "Tess Twofactor"), (r.GetProperty("actor").GetString(), r.GetProperty("targetName").GetString())));
        var log = await (await Browsers.SignedInAsync(factory, "olivia@acme.test")).GetStringAsync("/admin/activity?Kind=second_factor_reset");
        Assert.Contains("<td>second factor reset</td>", log);
        Assert.Contains("Tess Twofactor", log);
        Assert.Empty((await (await (await factory.ClientForAsync("gary@globex.test")).GetAsync("/api/admin/activity?kind=second_factor_reset")).Json()).EnumerateArray());
    }

    [Fact]
    public async Task ID8_Issue29_a_team_that_requires_two_factor_holds_those_without_it_to_setting_it_up_and_admins_only_when_asked()
    {
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var (email, api) = await MemberAsync();
        var space = (await api.PersonalSpace()).Id();
        try
        {
            var console = await Browsers.SignedInAsync(factory, "olivia@acme.test");
            Assert.Contains("<option value=\"off\" selected=\"selected\">", await console.GetStringAsync("/admin/members"));
            var wrong = await olivia.PutAsJsonAsync("/api/admin/team/two-factor", new { require = "sometimes" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.True((await wrong.Json()).GetProperty("errors").TryGetProperty("require", out _));
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsJsonAsync("/api/admin/team/two-factor", new { require = "off" })).StatusCode);

            // Admins only: a member goes on as before.
            Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/team/two-factor", new { require = "admins" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/spaces/{space}/items")).StatusCode);
            var adam = await factory.ClientForAsync("adam@acme.test");
            var held = await adam.GetAsync("/api/admin/members");
            Assert.Equal(HttpStatusCode.Forbidden, held.StatusCode);
            Assert.Equal("two_factor_required", (await held.Json()).GetProperty("reason").GetString());

            // Everyone: the member's script and browser can only set it up; once on, everything opens again.
            Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/team/two-factor", new { require = "everyone" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/spaces/{space}/items")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
            var browser = await Browsers.SignedInAsync(factory, email);
            var files = await browser.GetAsync("/files");
            Assert.Equal(HttpStatusCode.Redirect, files.StatusCode);
            Assert.Equal("/account/tokens?setup=two-factor", files.Headers.Location!.OriginalString);
            Assert.Contains("Your team requires two-factor sign-in.", await browser.GetStringAsync("/account/tokens?setup=two-factor"));
            await TurnOnAsync(api);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/spaces/{space}/items")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/files")).StatusCode);
            // The owner, held too until they set theirs up, can still read and take back the setting.
            Assert.Equal(HttpStatusCode.Redirect, (await console.GetAsync("/admin/members")).StatusCode);
            Assert.Equal("everyone", (await (await olivia.GetAsync("/api/admin/team/two-factor")).Json()).GetProperty("require").GetString());
        }
        finally
        {
            await olivia.PutAsJsonAsync("/api/admin/team/two-factor", new { require = "off" });
        }
    }
}
