using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 14, item 5: the headers and cookies that keep pages and recipients safe, checked on every page the host maps
/// (taken from its endpoint data source, so a new page is covered without anyone remembering).
/// </summary>
public sealed class SecurityHeaderTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private IReadOnlyList<string> PageRoutes() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { ParameterPolicies.Count: > 0 } => Guid.NewGuid().ToString(),
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                _ => "",
            })))))
            .Distinct().Order().ToList();

    [Fact]
    public async Task Every_page_carries_the_content_security_policy_and_refuses_framing()
    {
        var routes = PageRoutes();
        Assert.Contains("/files", routes);
        Assert.Contains(routes, r => r.StartsWith("/s/"));
        var admin = await Browsers.SignedInAsync(factory, "olivia@acme.test");
        foreach (var client in new[] { admin, factory.Client() })
        foreach (var route in routes)
        {
            var response = await client.GetAsync(route);
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{route}: no CSP ({(int)response.StatusCode})");
            Assert.Contains("frame-ancestors 'none'", csp!.Single());
            Assert.True(response.Headers.GetValues("X-Frame-Options").Single() == "DENY", $"{route}: X-Frame-Options {response.Headers.GetValues("X-Frame-Options").Single()}");
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task LK7_every_recipient_route_is_never_cached_indexed_or_leaked_through_referer()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "headers.txt", "x"u8.ToArray())).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item } })).GetProperty("url").GetString()!);
        await factory.AllowAnyoneByEmailAsync();
        var invited = await (await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new[] { new { kind = "external", email = "guest@example.org" } }, role = "viewer", acknowledgeExternal = true,
        })).Json();
        var external = invited.GetProperty("externalLinks")[0].GetProperty("url").GetString()!;
        var externalToken = external[(external.LastIndexOf("/x/", StringComparison.Ordinal) + 3)..];

        // Every GET route a recipient reaches (/s, /q, /x), read from the host, with working tokens where there are some: the
        // headers must be there on success and on refusal alike (issue 13: /x/ had lost no-store unnoticed).
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/s/") || p.StartsWith("/q/") || p.StartsWith("/x/"))
            .Distinct().ToList();
        Assert.True(routes.Count >= 9, string.Join(", ", routes));
        var visitor = factory.Anonymous();
        var succeeded = 0;
        foreach (var route in routes)
        {
            var realToken = route.StartsWith("/x/") ? externalToken : route.StartsWith("/s/") ? token : "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
            var url = System.Text.RegularExpressions.Regex.Replace(route.Replace("{token}", realToken), @"\{itemId[^}]*\}", item);
            // A page number (issue 25's /pages/{page:int}): a GUID there would not reach the route at all.
            url = System.Text.RegularExpressions.Regex.Replace(url, @"\{[^}:]+:int\}", "1");
            url = System.Text.RegularExpressions.Regex.Replace(url, @"\{[^}]+\}", Guid.NewGuid().ToString());
            var response = await visitor.GetAsync(url);
            if (response.IsSuccessStatusCode) succeeded++;
            Assert.True(response.Headers.TryGetValues("X-Robots-Tag", out var robots) && robots.Single() == "noindex, nofollow", $"{url}: X-Robots-Tag");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url}: Cache-Control no-store");
            Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", $"{url}: Referrer-Policy");
        }
        Assert.True(succeeded >= 4, $"only {succeeded} recipient routes answered with content");
    }

    [Fact]
    public async Task ID8_the_session_cookie_is_http_only_same_site_and_secure_behind_https_and_return_urls_stay_local()
    {
        foreach (var https in new[] { false, true })
        {
            var client = factory.Client(cookies: false);
            var page = await client.GetAsync("/signin");
            var html = await page.Content.ReadAsStringAsync();
            var form = new HttpRequestMessage(HttpMethod.Post, "/signin?ReturnUrl=https%3A%2F%2Fevil.example%2Fsteal")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Email"] = "mia@acme.test", ["Password"] = TeamShareFactory.Password, ["__RequestVerificationToken"] = Browsers.FormToken(html),
                }),
            };
            foreach (var cookie in page.Headers.GetValues("Set-Cookie")) form.Headers.Add("Cookie", cookie.Split(';')[0]);
            if (https)
            {
                form.Headers.Add("X-Test-Client-Address", "127.0.0.1");
                form.Headers.Add("X-Forwarded-Proto", "https");
            }
            var response = await client.SendAsync(form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/files", response.Headers.Location!.OriginalString);
            var cookies = response.Headers.GetValues("Set-Cookie").ToList();
            var session = cookies.Single(c => c.StartsWith("teamshare.auth="));
            Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(https, session.Contains("secure", StringComparison.OrdinalIgnoreCase));
            // The known-device cookie (it spares this browser the account-wide sign-in lockout) goes only to the sign-in page.
            var device = cookies.Single(c => c.StartsWith("teamshare.device="));
            Assert.Contains("httponly", device, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", device, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/signin", device, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(https, device.Contains("secure", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task ID8_a_signed_in_members_cookie_upload_to_a_link_needs_the_anti_forgery_token()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"drop-{Guid.NewGuid():N}" })).Json()).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { folder }, allowUpload = true })).GetProperty("url").GetString()!);
        var mark = await Browsers.SignedInAsync(factory, "mark@acme.test");
        MultipartFormDataContent File() => new() { { new ByteArrayContent("x"u8.ToArray()), "file", "from-mark.txt" } };

        // A foreign site can make Mark's browser post with his cookie, but it cannot read the token of our pages.
        var forged = await mark.PostAsync($"/s/{token}/upload", File());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("antiforgery", (await forged.Json()).GetProperty("reason").GetString());

        var page = await mark.GetStringAsync($"/s/{token}");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/s/{token}/upload") { Content = File() };
        request.Headers.Add("RequestVerificationToken", Browsers.MetaToken(page));
        Assert.Equal(HttpStatusCode.Created, (await mark.SendAsync(request)).StatusCode);
        // Without a cookie (an outsider on the link) no token is needed, as before.
        Assert.Equal(HttpStatusCode.Created, (await factory.Anonymous().PostAsync($"/s/{token}/upload", File())).StatusCode);
    }
}
