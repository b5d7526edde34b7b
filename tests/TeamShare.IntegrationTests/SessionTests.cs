using System.Net;
using System.Net.Http.Json;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 14 finding 11: signing out ends the session on the server, so a saved copy of the cookie is worthless.</summary>
public sealed class SessionTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task ID8_signing_out_ends_the_session_so_a_copied_cookie_no_longer_works()
    {
        var browser = factory.Client(cookies: false);
        var signIn = await browser.GetAsync("/signin");
        var antiforgery = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "mia@acme.test", ["Password"] = TeamShareFactory.Password,
                ["__RequestVerificationToken"] = Browsers.FormToken(await signIn.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", antiforgery));
        var signedIn = await browser.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookies = string.Join("; ", antiforgery.Concat(signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));

        async Task<HttpStatusCode> Me(string cookieHeader)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Add("Cookie", cookieHeader);
            return (await browser.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await Me(cookies));

        // Sign out with the page's form (anti-forgery token from a signed-in page), keeping a copy of the cookie.
        var filesRequest = new HttpRequestMessage(HttpMethod.Get, "/files");
        filesRequest.Headers.Add("Cookie", cookies);
        var files = await (await browser.SendAsync(filesRequest)).Content.ReadAsStringAsync();
        var signOut = new HttpRequestMessage(HttpMethod.Post, "/signout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Browsers.FormToken(files) }),
        };
        signOut.Headers.Add("Cookie", cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(signOut)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await Me(cookies));
        // Other sessions of the same person are not touched: a second sign-in still works.
        var other = await Browsers.SignedInAsync(factory, "mia@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ID8_a_member_changes_their_password_and_their_other_browser_sessions_end()
    {
        var admin = await factory.ClientForAsync("olivia@acme.test");
        var email = $"changer-{Guid.NewGuid():N}@acme.test";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/members", new { email, displayName = "Chris Changer", password = TeamShareFactory.Password })).StatusCode);
        var laptop = await Browsers.SignedInAsync(factory, email);
        var phone = await Browsers.SignedInAsync(factory, email);
        var script = await factory.ClientForAsync(email);

        var wrong = await script.PostAsJsonAsync("/api/me/password", new { currentPassword = "not-it-at-all", newPassword = "brand-new-Password2" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Json()).GetProperty("errors").TryGetProperty("currentPassword", out _));
        var weak = await script.PostAsJsonAsync("/api/me/password", new { currentPassword = TeamShareFactory.Password, newPassword = "short" });
        Assert.True((await weak.Json()).GetProperty("errors").TryGetProperty("newPassword", out _));

        // Through the page, on the laptop.
        var page = await laptop.GetStringAsync("/account/tokens");
        var changed = await laptop.PostAsync("/account/tokens?handler=Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["currentPassword"] = TeamShareFactory.Password, ["newPassword"] = "brand-new-Password2", ["__RequestVerificationToken"] = Browsers.FormToken(page),
        }));
        Assert.Contains("Your password is changed", await changed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);
        var oldPassword = await factory.Client(cookies: false).PostAsJsonAsync("/api/auth/tokens", new { email, password = TeamShareFactory.Password, name = "old" });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        var newPassword = await factory.Client(cookies: false).PostAsJsonAsync("/api/auth/tokens", new { email, password = "brand-new-Password2", name = "new" });
        Assert.Equal(HttpStatusCode.Created, newPassword.StatusCode);
    }

    [Fact]
    public async Task Issue28_a_member_renames_themselves_on_the_account_page_and_through_the_api_under_the_admins_rules()
    {
        var email = $"renamed-{Guid.NewGuid():N}@acme.test";
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        Assert.Equal(HttpStatusCode.Created, (await olivia.PostAsJsonAsync("/api/admin/members",
            new { email, displayName = "Rene Before", password = TeamShareFactory.Password })).StatusCode);
        var script = await factory.ClientForAsync(email);

        var saved = await script.PutAsJsonAsync("/api/me/profile", new { displayName = "  René Script  " });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("René Script", (await (await script.GetAsync("/api/me")).Json()).GetProperty("displayName").GetString());
        foreach (var bad in new[] { "", "   ", "two\nlines", new string('x', 201) })
        {
            var refused = await script.PutAsJsonAsync("/api/me/profile", new { displayName = bad });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("displayName", out _), bad);
        }

        var browser = await Browsers.SignedInAsync(factory, email);
        var page = await browser.GetStringAsync("/account/tokens");
        Assert.Contains("value=\"René Script\"", page);
        var renamed = await browser.PostAsync("/account/tokens?handler=Profile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["displayName"] = "René Page", ["__RequestVerificationToken"] = Browsers.FormToken(page),
        }));
        Assert.Contains("Your name is saved.", await renamed.Content.ReadAsStringAsync());
        // Others see the new name: the team's member list.
        var members = await (await olivia.GetAsync("/api/admin/members")).Json();
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("email").GetString() == email && m.GetProperty("displayName").GetString() == "René Page");
        page = await browser.GetStringAsync("/account/tokens");
        Assert.Contains("value=\"René Page\"", page);
        var empty = await browser.PostAsync("/account/tokens?handler=Profile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["displayName"] = " ", ["__RequestVerificationToken"] = Browsers.FormToken(page),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter a name of 1 to 200 characters.", await empty.Content.ReadAsStringAsync());
    }
}
