using System.Net;

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
}
