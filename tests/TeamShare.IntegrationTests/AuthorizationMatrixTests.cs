using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 14, item 3: every route the host maps (minimal APIs and Razor pages, read from the endpoint data source, so a new
/// route is covered without anyone remembering) against the people who must not reach it, with ids of another team and
/// random ids. Expected access per route is one table below; a route missing from it fails the test.
/// Checked for every route: anonymous callers are turned away (401, or the sign-in page); a suspended member's token is
/// 401; a member is never let into admin or operator routes; another team's owner never gets a 2xx on an id of this team,
/// and gets the same answer as for a random id (no existence oracle); a member without access to an item gets the same
/// answer as for a random id.
/// </summary>
public sealed class AuthorizationMatrixTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    /// <summary>Who may use a route at all.</summary>
    private enum Access { Public, Member, Admin, Owner, Link }

    /// <summary>What the route's first id names, so "an id of another team" is a real one of that kind.</summary>
    /// <remarks><c>Made</c>: the route needs something the matrix only makes up (a webhook share's id, an item in the query), so even its rightful caller is told it is not found.</remarks>
    private enum Id { None, Item, Share, User, Department, Space, Token, Made }

    private static readonly Dictionary<string, (Access Access, Id Id)> Table = WithWebDav(new()
    {
        ["GET /"] = (Access.Public, Id.None),
        ["GET /{*path}"] = (Access.Public, Id.None),
        ["GET /account/tokens"] = (Access.Member, Id.None),
        ["POST /account/tokens"] = (Access.Member, Id.None),
        ["GET /account/webdav"] = (Access.Member, Id.None),
        ["POST /account/webdav"] = (Access.Member, Id.None),
        ["GET /account/notifications"] = (Access.Member, Id.None),
        ["GET /signin/code"] = (Access.Public, Id.None),
        ["POST /signin/code"] = (Access.Public, Id.None),
        ["POST /account/notifications"] = (Access.Member, Id.None),
        ["GET /admin"] = (Access.Admin, Id.None),
        ["POST /admin"] = (Access.Admin, Id.None),
        ["GET /admin/activity"] = (Access.Admin, Id.None),
        ["POST /admin/activity"] = (Access.Admin, Id.None),
        ["GET /admin/approved"] = (Access.Admin, Id.None),
        ["POST /admin/approved"] = (Access.Admin, Id.None),
        ["GET /admin/departments"] = (Access.Admin, Id.None),
        ["POST /admin/departments"] = (Access.Admin, Id.None),
        ["GET /admin/chat"] = (Access.Admin, Id.None),
        ["POST /admin/chat"] = (Access.Admin, Id.None),
        ["GET /admin/links"] = (Access.Admin, Id.None),
        ["POST /admin/links"] = (Access.Admin, Id.None),
        ["GET /admin/mail"] = (Access.Admin, Id.None),
        ["POST /admin/mail"] = (Access.Admin, Id.None),
        ["GET /admin/members"] = (Access.Admin, Id.None),
        ["POST /admin/members"] = (Access.Admin, Id.None),
        ["GET /admin/policy"] = (Access.Admin, Id.None),
        ["POST /admin/policy"] = (Access.Admin, Id.None),
        ["GET /admin/spaces"] = (Access.Admin, Id.None),
        ["POST /admin/spaces"] = (Access.Admin, Id.None),
        ["GET /admin/storage"] = (Access.Admin, Id.None),
        ["POST /admin/storage"] = (Access.Admin, Id.None),
        ["GET /api-docs"] = (Access.Public, Id.None),
        ["POST /api-docs"] = (Access.Public, Id.None),
        ["GET /api/admin/activity"] = (Access.Admin, Id.None),
        ["GET /api/admin/activity.csv"] = (Access.Admin, Id.None),
        ["GET /api/admin/activity/domains"] = (Access.Admin, Id.None),
        ["GET /api/admin/departments"] = (Access.Admin, Id.None),
        ["POST /api/admin/departments"] = (Access.Admin, Id.None),
        ["DELETE /api/admin/departments/{id:guid}"] = (Access.Admin, Id.Department),
        ["DELETE /api/admin/departments/{id:guid}/members/{userId:guid}"] = (Access.Admin, Id.Department),
        ["PUT /api/admin/departments/{id:guid}/members/{userId:guid}"] = (Access.Admin, Id.Department),
        ["GET /api/admin/links/"] = (Access.Admin, Id.None),
        ["PUT /api/admin/links/"] = (Access.Admin, Id.None),
        ["POST /api/admin/links/verify"] = (Access.Admin, Id.None),
        ["GET /api/admin/mail"] = (Access.Admin, Id.None),
        ["POST /api/admin/mail/resend"] = (Access.Admin, Id.None),
        ["GET /api/admin/members"] = (Access.Admin, Id.None),
        ["POST /api/admin/members"] = (Access.Admin, Id.None),
        ["DELETE /api/admin/members/{id:guid}"] = (Access.Admin, Id.User),
        ["PATCH /api/admin/members/{id:guid}"] = (Access.Admin, Id.User),
        ["GET /api/admin/members/invitations"] = (Access.Admin, Id.None),
        ["POST /api/admin/members/{id:guid}/password-reset"] = (Access.Admin, Id.User),
        ["DELETE /api/admin/members/{id:guid}/two-factor"] = (Access.Admin, Id.User),
        ["DELETE /api/admin/members/invitations/{id:guid}"] = (Access.Admin, Id.None),
        ["GET /api/admin/team/two-factor"] = (Access.Admin, Id.None),
        ["GET /api/admin/sso"] = (Access.Owner, Id.None),
        ["PUT /api/admin/sso"] = (Access.Owner, Id.None),
        ["POST /api/admin/sso/domains/verify"] = (Access.Owner, Id.None),
        ["GET /admin/sso"] = (Access.Owner, Id.None),
        ["GET /api/admin/directory"] = (Access.Owner, Id.None),
        ["PUT /api/admin/directory"] = (Access.Owner, Id.None),
        ["POST /api/admin/directory/preview"] = (Access.Owner, Id.None),
        ["POST /api/admin/directory/sync"] = (Access.Owner, Id.None),
        ["GET /admin/directory"] = (Access.Owner, Id.None),
        ["POST /admin/directory"] = (Access.Owner, Id.None),
        ["POST /admin/sso"] = (Access.Owner, Id.None),
        ["GET /api/auth/sso"] = (Access.Public, Id.None),
        ["GET /signin/sso/{teamId:guid}"] = (Access.Public, Id.None),
        ["GET /signin/sso/{teamId:guid}/callback"] = (Access.Public, Id.None),
        ["PUT /api/admin/team/two-factor"] = (Access.Admin, Id.None),
        ["GET /api/admin/policy"] = (Access.Admin, Id.None),
        ["PUT /api/admin/policy"] = (Access.Admin, Id.None),
        ["GET /api/admin/policy/approved"] = (Access.Admin, Id.None),
        ["POST /api/admin/policy/approved"] = (Access.Admin, Id.None),
        ["DELETE /api/admin/policy/approved/{id:guid}"] = (Access.Admin, Id.None),
        ["GET /api/admin/spaces/"] = (Access.Admin, Id.None),
        ["GET /api/admin/storage/"] = (Access.Admin, Id.None),
        ["PUT /api/admin/storage/"] = (Access.Admin, Id.None),
        ["POST /api/admin/spaces/"] = (Access.Admin, Id.None),
        ["POST /api/admin/spaces/{id:guid}/access"] = (Access.Admin, Id.Space),
        ["DELETE /api/admin/spaces/{id:guid}/access/{grantId:guid}"] = (Access.Admin, Id.Space),
        ["GET /api/admin/webhook/"] = (Access.Admin, Id.None),
        ["PUT /api/admin/webhook/"] = (Access.Admin, Id.None),
        ["POST /api/auth/join"] = (Access.Public, Id.None),
        ["POST /api/auth/password-reset"] = (Access.Public, Id.None),
        ["POST /api/auth/password-reset/complete"] = (Access.Public, Id.None),
        ["GET /api/auth/tokens"] = (Access.Member, Id.None),
        ["POST /api/auth/tokens"] = (Access.Public, Id.None),
        ["DELETE /api/auth/tokens/{id:guid}"] = (Access.Member, Id.None),
        ["GET /api/channels"] = (Access.Member, Id.None),
        ["GET /api/directory/search"] = (Access.Member, Id.None),
        ["DELETE /api/items/{id:guid}"] = (Access.Member, Id.Item),
        ["GET /api/items/{id:guid}"] = (Access.Member, Id.Item),
        ["PATCH /api/items/{id:guid}"] = (Access.Member, Id.Item),
        ["GET /api/items/{id:guid}/access"] = (Access.Member, Id.Item),
        ["DELETE /api/items/{id:guid}/access/{grantId:guid}"] = (Access.Member, Id.Item),
        ["PATCH /api/items/{id:guid}/access/{grantId:guid}"] = (Access.Member, Id.Item),
        ["GET /api/items/{id:guid}/content"] = (Access.Member, Id.Item),
        ["PUT /api/items/{id:guid}/content"] = (Access.Member, Id.Item),
        ["POST /api/items/{id:guid}/copy"] = (Access.Member, Id.Item),
        ["POST /api/items/{id:guid}/invitations"] = (Access.Member, Id.Item),
        ["GET /api/items/{id:guid}/mail"] = (Access.Member, Id.Item),
        ["GET /api/items/{id:guid}/preview"] = (Access.Member, Id.Item),
        ["GET /api/items/{id:guid}/pages"] = (Access.Member, Id.Item),
        ["GET /api/items/{id:guid}/pages/{page:int}"] = (Access.Member, Id.Item),
        ["GET /api/items/{id:guid}/thumbnail"] = (Access.Member, Id.Item),
        ["POST /api/items/{id:guid}/restore"] = (Access.Member, Id.Item),
        ["POST /api/items/{id:guid}/transfer"] = (Access.Member, Id.Item),
        ["GET /api/items/{id:guid}/versions"] = (Access.Member, Id.Item),
        ["POST /api/items/{id:guid}/versions/{number:int}/restore"] = (Access.Member, Id.Item),
        ["GET /api/me"] = (Access.Member, Id.None),
        ["POST /api/me/password"] = (Access.Member, Id.None),
        ["PUT /api/me/language"] = (Access.Member, Id.None),
        ["GET /api/admin/team/language"] = (Access.Admin, Id.None),
        ["PUT /api/admin/team/language"] = (Access.Admin, Id.None),
        ["GET /api/shared-with-me"] = (Access.Member, Id.None),
        ["GET /api/search"] = (Access.Member, Id.None),
        ["GET /api/shares/"] = (Access.Member, Id.None),
        ["POST /api/shares/"] = (Access.Member, Id.None),
        ["DELETE /api/shares/{id:guid}"] = (Access.Member, Id.Share),
        ["GET /api/shares/{id:guid}"] = (Access.Member, Id.Share),
        ["GET /api/shares/people"] = (Access.Member, Id.None),
        ["GET /api/recent"] = (Access.Member, Id.None),
        ["GET /api/starred"] = (Access.Member, Id.None),
        ["PUT /api/items/{id:guid}/star"] = (Access.Member, Id.Item),
        ["DELETE /api/items/{id:guid}/star"] = (Access.Member, Id.Item),
        ["GET /api/shares/notice-default"] = (Access.Member, Id.None),
        ["PUT /api/shares/notice-default"] = (Access.Member, Id.None),
        ["GET /api/shares/{id:guid}/events"] = (Access.Member, Id.Share),
        ["PATCH /api/shares/{id:guid}"] = (Access.Member, Id.Share),
        ["POST /api/shares/{id:guid}/qr"] = (Access.Member, Id.Share),
        ["GET /api/shares/{id:guid}/qr.png"] = (Access.Member, Id.Share),
        ["GET /api/spaces"] = (Access.Member, Id.None),
        ["POST /api/spaces/{spaceId:guid}/files"] = (Access.Member, Id.Space),
        ["POST /api/spaces/{spaceId:guid}/folders"] = (Access.Member, Id.Space),
        ["GET /api/spaces/{spaceId:guid}/items"] = (Access.Member, Id.Space),
        ["GET /api/items/{id:guid}/archive"] = (Access.Member, Id.Item),
        ["PUT /api/me/profile"] = (Access.Member, Id.None),
        ["PUT /api/me/time-zone"] = (Access.Member, Id.None),
        ["GET /api/me/app-passwords"] = (Access.Member, Id.None),
        ["GET /api/me/totp"] = (Access.Member, Id.None),
        ["POST /api/me/totp"] = (Access.Member, Id.None),
        ["POST /api/me/totp/confirm"] = (Access.Member, Id.None),
        ["DELETE /api/me/totp"] = (Access.Member, Id.None),
        ["POST /api/me/app-passwords"] = (Access.Member, Id.None),
        ["DELETE /api/me/app-passwords/{id:guid}"] = (Access.Member, Id.None),
        ["GET /api/me/passkeys"] = (Access.Member, Id.None),
        ["POST /api/me/passkeys/options"] = (Access.Member, Id.None),
        ["POST /api/me/passkeys"] = (Access.Member, Id.None),
        ["DELETE /api/me/passkeys/{id:guid}"] = (Access.Member, Id.Made),
        ["POST /api/auth/passkey/options"] = (Access.Public, Id.None),
        ["POST /api/auth/passkey"] = (Access.Public, Id.None),
        ["GET /api/me/notifications"] = (Access.Member, Id.None),
        ["PUT /api/me/notifications"] = (Access.Member, Id.None),
        ["POST /api/archive"] = (Access.Member, Id.None),
        ["GET /api/trash"] = (Access.Member, Id.None),
        ["DELETE /api/trash"] = (Access.Member, Id.None),
        ["DELETE /api/trash/{id:guid}"] = (Access.Member, Id.Item),
        ["POST /api/webhook-shares/"] = (Access.Member, Id.None),
        ["GET /api/webhook-shares/{id:guid}"] = (Access.Member, Id.Made),
        ["GET /files"] = (Access.Member, Id.None),
        ["POST /files"] = (Access.Member, Id.None),
        ["GET /forgot-password"] = (Access.Public, Id.None),
        ["POST /forgot-password"] = (Access.Public, Id.None),
        ["GET /items/{id:guid}"] = (Access.Member, Id.Item),
        ["POST /items/{id:guid}"] = (Access.Member, Id.Item),
        ["GET /account/language"] = (Access.Public, Id.None),
        ["POST /account/language"] = (Access.Public, Id.None),
        ["GET /join"] = (Access.Public, Id.None),
        ["POST /join"] = (Access.Public, Id.None),
        ["GET /links/new"] = (Access.Member, Id.Made),
        ["POST /links/new"] = (Access.Member, Id.None),
        ["GET /not-allowed"] = (Access.Public, Id.None),
        ["POST /not-allowed"] = (Access.Public, Id.None),
        ["GET /q/{token}"] = (Access.Link, Id.Token),
        ["POST /q/{token}"] = (Access.Link, Id.Token),
        ["GET /q/{token}/items/{itemId:guid}/content"] = (Access.Link, Id.Token),
        ["PUT /q/{token}/items/{itemId:guid}/content"] = (Access.Link, Id.Token),
        ["GET /q/{token}/items/{itemId:guid}/download"] = (Access.Link, Id.Token),
        ["GET /q/{token}/items/{itemId:guid}/preview"] = (Access.Link, Id.Token),
        ["GET /q/{token}/items/{itemId:guid}/pages"] = (Access.Link, Id.Token),
        ["GET /q/{token}/items/{itemId:guid}/pages/{page:int}"] = (Access.Link, Id.Token),
        ["GET /q/{token}/items/{itemId:guid}/thumbnail"] = (Access.Link, Id.Token),
        ["POST /q/{token}/unlock"] = (Access.Link, Id.Token),
        ["POST /q/{token}/upload"] = (Access.Link, Id.Token),
        ["GET /reset-password"] = (Access.Public, Id.None),
        ["POST /reset-password"] = (Access.Public, Id.None),
        ["GET /notices/off"] = (Access.Public, Id.None),
        ["POST /notices/off"] = (Access.Public, Id.None),
        ["GET /s/{token}"] = (Access.Link, Id.Token),
        ["POST /s/{token}"] = (Access.Link, Id.Token),
        ["GET /s/{token}/items/{itemId:guid}/content"] = (Access.Link, Id.Token),
        ["PUT /s/{token}/items/{itemId:guid}/content"] = (Access.Link, Id.Token),
        ["GET /s/{token}/items/{itemId:guid}/download"] = (Access.Link, Id.Token),
        ["GET /s/{token}/items/{itemId:guid}/preview"] = (Access.Link, Id.Token),
        ["GET /s/{token}/items/{itemId:guid}/pages"] = (Access.Link, Id.Token),
        ["GET /s/{token}/items/{itemId:guid}/pages/{page:int}"] = (Access.Link, Id.Token),
        ["GET /s/{token}/items/{itemId:guid}/thumbnail"] = (Access.Link, Id.Token),
        ["POST /s/{token}/unlock"] = (Access.Link, Id.Token),
        ["POST /s/{token}/upload"] = (Access.Link, Id.Token),
        ["GET /share/{itemId:guid}"] = (Access.Member, Id.Item),
        ["POST /share/{itemId:guid}"] = (Access.Member, Id.Item),
        ["GET /shared"] = (Access.Member, Id.None),
        ["GET /search"] = (Access.Member, Id.None),
        ["GET /recent"] = (Access.Member, Id.None),
        ["GET /starred"] = (Access.Member, Id.None),
        ["POST /search"] = (Access.Member, Id.None),
        ["POST /shared"] = (Access.Member, Id.None),
        ["POST /recent"] = (Access.Member, Id.None),
        ["POST /starred"] = (Access.Member, Id.None),
        ["GET /shares"] = (Access.Member, Id.None),
        ["POST /shares"] = (Access.Member, Id.None),
        ["GET /shares/{id:guid}"] = (Access.Member, Id.Share),
        ["POST /shares/{id:guid}"] = (Access.Member, Id.Share),
        ["GET /signin"] = (Access.Public, Id.None),
        ["POST /signin"] = (Access.Public, Id.None),
        ["GET /signout"] = (Access.Member, Id.None),
        ["POST /signout"] = (Access.Member, Id.None),
        ["GET /trash"] = (Access.Member, Id.None),
        ["POST /trash"] = (Access.Member, Id.None),
        ["GET /x/{token}"] = (Access.Link, Id.Token),
        ["POST /x/{token}"] = (Access.Link, Id.Token),
        ["GET /x/{token}/items/{itemId:guid}/download"] = (Access.Link, Id.Token),
        ["GET /x/{token}/items/{itemId:guid}/preview"] = (Access.Link, Id.Token),
        ["GET /x/{token}/items/{itemId:guid}/pages"] = (Access.Link, Id.Token),
        ["GET /x/{token}/items/{itemId:guid}/pages/{page:int}"] = (Access.Link, Id.Token),
        ["GET /x/{token}/items/{itemId:guid}/thumbnail"] = (Access.Link, Id.Token),
        ["POST /x/{token}/code"] = (Access.Link, Id.Token),
        ["POST /x/{token}/verify"] = (Access.Link, Id.Token),
        ["GET /s/{token}/archive"] = (Access.Link, Id.Token),
        ["GET /q/{token}/archive"] = (Access.Link, Id.Token),
    });

    /// <summary>WebDAV (issue 10) maps every method on five routes: the drive's root, its list of spaces, a space by id or by its folder, a link.</summary>
    private static Dictionary<string, (Access Access, Id Id)> WithWebDav(Dictionary<string, (Access Access, Id Id)> table)
    {
        foreach (var method in new[] { "GET", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK" })
        {
            table[$"{method} /dav/"] = (Access.Member, Id.None);
            table[$"{method} /dav/spaces"] = (Access.Member, Id.None);
            table[$"{method} /dav/spaces/{{spaceId:guid}}/{{**path}}"] = (Access.Member, Id.Space);
            table[$"{method} /dav/{{folder}}/{{**path}}"] = (Access.Member, Id.None);
            table[$"{method} /dav/links/{{token}}/{{**path}}"] = (Access.Link, Id.Token);
        }
        return table;
    }

    private sealed record RouteCase(string Method, string Pattern, RoutePattern Route, bool IsPage);

    private List<RouteCase> Routes()
    {
        var cases = new List<RouteCase>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? (isPage ? ["GET", "POST"] : ["GET"]);
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (pattern.StartsWith("/admin/jobs") || pattern.StartsWith("/_") || pattern.Contains("openapi") || pattern.StartsWith("/health/") || pattern == "/metrics") continue;
            foreach (var method in methods.Where(m => m != "HEAD" && m != "OPTIONS"))
                cases.Add(new RouteCase(method, pattern, endpoint.RoutePattern, isPage));
        }
        return cases.DistinctBy(c => $"{c.Method} {c.Pattern}").OrderBy(c => c.Pattern).ThenBy(c => c.Method).ToList();
    }

    [Fact]
    public void Every_route_has_an_expected_access_in_the_table()
    {
        var missing = Routes().Select(r => $"{r.Method} {r.Pattern}").Where(k => !Table.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "routes missing from the authorization table:\n" + string.Join("\n", missing));
        var stale = Table.Keys.Except(Routes().Select(r => $"{r.Method} {r.Pattern}")).ToList();
        Assert.True(stale.Count == 0, "table rows for routes that no longer exist:\n" + string.Join("\n", stale));
    }

    private sealed record Ids(string Item, string Share, string User, string Department, string Space);

    private static string Fill(RouteCase route, string? first)
    {
        var parameters = route.Route.Parameters;
        var path = route.Pattern;
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var value = i == 0 && first is not null ? first
                : p.ParameterPolicies.Any(x => x.Content == "int") ? "1"
                : p.Name is "token" ? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" : Guid.NewGuid().ToString();
            path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\*{0,2}" + p.Name + @"(:[^}]*)?\}", value);
        }
        return path;
    }

    private static HttpRequestMessage Request(RouteCase route, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
        if (route.Method is "POST" or "PUT" or "PATCH") request.Content = JsonContent.Create(new { });
        request.Headers.Add("Accept", "application/json");
        return request;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, RouteCase route, string url) =>
        (await client.SendAsync(Request(route, url))).StatusCode;

    /// <summary>
    /// The status a rightful caller gets, where a text file's missing thumbnail (issue 25: a kind with no pages) counts as
    /// success: it is told "no_preview", unlike the plain not_found everyone without access gets.
    /// </summary>
    private static async Task<HttpStatusCode> AnswerAsync(HttpClient client, RouteCase route, string url)
    {
        var response = await client.SendAsync(Request(route, url));
        return route.Pattern.EndsWith("/thumbnail") && response.StatusCode == HttpStatusCode.NotFound
            && (await response.Content.ReadAsStringAsync()).Contains("\"no_preview\"") ? HttpStatusCode.OK : response.StatusCode;
    }

    private static string? IdOf(Id kind, Ids ids) => kind switch
    {
        Id.Item => ids.Item, Id.Share => ids.Share, Id.User => ids.User, Id.Department => ids.Department, Id.Space => ids.Space, _ => null,
    };

    [Fact]
    public async Task ID1_AD13_nobody_reaches_a_route_they_may_not_and_ids_of_another_team_answer_like_random_ones()
    {
        // This team's things: Mia's private file, her link, her account, a department, her personal space.
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var item = (await mia.UploadOk(space, "matrix-private.txt", "private"u8.ToArray())).Id();
        var share = (await mia.ShareOk(new { itemIds = new[] { item } })).Id();
        var adam = await factory.ClientForAsync("adam@acme.test");
        var department = (await (await adam.GetAsync("/api/admin/departments")).Json()).EnumerateArray().First().Id();
        var ids = new Ids(item, share, (await mia.UserIdAsync()).ToString(), department, space);

        // A member whose token and cookie exist, then suspended.
        var email = $"suspended-{Guid.NewGuid():N}@acme.test";
        var added = await (await (await factory.ClientForAsync("olivia@acme.test")).PostAsJsonAsync("/api/admin/members", new { email, displayName = "Sam Suspended", password = TeamShareFactory.Password })).Json();
        var suspended = await factory.ClientForAsync(email);
        var suspendedBrowser = await Browsers.SignedInAsync(factory, email);
        Assert.Equal(HttpStatusCode.OK, (await adam.PatchAsJsonAsync($"/api/admin/members/{added.Id()}", new { isActive = false })).StatusCode);

        var anonymous = factory.Client(cookies: false);
        var mark = await factory.ClientForAsync("mark@acme.test");
        var markBrowser = await Browsers.SignedInAsync(factory, "mark@acme.test");
        var gary = await factory.ClientForAsync("gary@globex.test");
        var garyBrowser = await Browsers.SignedInAsync(factory, "gary@globex.test");
        // The rightful callers: Mia owns the ids, Adam administers the team, Eve may view Mia's file.
        var miaBrowser = await Browsers.SignedInAsync(factory, "mia@acme.test");
        var adamBrowser = await Browsers.SignedInAsync(factory, "adam@acme.test");
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var oliviaBrowser = await Browsers.SignedInAsync(factory, "olivia@acme.test");
        var eveId = await (await factory.ClientForAsync("eve@acme.test")).UserIdAsync();
        Assert.True((await mia.PostAsJsonAsync($"/api/items/{item}/invitations",
            new { recipients = new[] { new { kind = "user", id = eveId } }, role = "viewer" })).IsSuccessStatusCode);
        var eve = await factory.ClientForAsync("eve@acme.test");
        var eveBrowser = await Browsers.SignedInAsync(factory, "eve@acme.test");

        var failures = new List<string>();
        var checks = 0;
        void Expect(bool ok, RouteCase route, string what)
        {
            checks++;
            if (!ok) failures.Add($"{route.Method} {route.Pattern}: {what}");
        }
        static bool Success(HttpStatusCode s) => (int)s is >= 200 and < 300;

        foreach (var route in Routes())
        {
            var (access, idKind) = Table[$"{route.Method} {route.Pattern}"];
            // WebDAV answers like the API: 401 with a challenge, never the sign-in page; its clients hold tokens, not cookies.
            var api = route.Pattern.StartsWith("/api/") || route.Pattern.StartsWith("/dav");
            var random = Fill(route, null);
            if (access is Access.Public or Access.Link)
            {
                // Open to anyone; with a made-up token or id nothing is found and nothing fails.
                var status = await StatusAsync(anonymous, route, random);
                Expect((int)status < 500 && (access == Access.Public || !Success(status)), route, $"anonymous with a made-up token got {(int)status}");
                continue;
            }

            // Signed-out and suspended callers are turned away before anything is looked up.
            var anon = await anonymous.SendAsync(Request(route, Fill(route, IdOf(idKind, ids))));
            Expect(api ? anon.StatusCode == HttpStatusCode.Unauthorized
                    : anon.StatusCode == HttpStatusCode.Redirect && anon.Headers.Location!.OriginalString.Contains("/signin") || route.Method == "POST" && !Success(anon.StatusCode),
                route, $"anonymous got {(int)anon.StatusCode}");
            var off = await (api ? suspended : suspendedBrowser).SendAsync(Request(route, Fill(route, IdOf(idKind, ids))));
            Expect(api ? off.StatusCode == HttpStatusCode.Unauthorized : !Success(off.StatusCode) || route.Method == "GET" && off.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/signin"),
                route, $"a suspended member got {(int)off.StatusCode}");

            if (route.IsPage && route.Method == "POST") continue; // page forms need their anti-forgery token; their GETs are checked

            // The rightful callers get in: reads answer with success (or 400 when the route needs query input). Checked on
            // reads whose only parameter is the id, so nothing is changed and no other made-up id decides the answer.
            if (route.Method == "GET" && route.Route.Parameters.Count <= 1 && !route.Pattern.StartsWith("/dav") && route.Pattern != "/signout")
            {
                var url = Fill(route, IdOf(idKind, ids));
                var rightful = access switch
                {
                    Access.Owner => api ? olivia : oliviaBrowser, Access.Admin => api ? adam : adamBrowser, _ => api ? mia : miaBrowser,
                };
                var theirs = await AnswerAsync(rightful, route, url);
                Expect(idKind == Id.Made ? theirs == HttpStatusCode.NotFound : Success(theirs) || theirs == HttpStatusCode.BadRequest,
                    route, $"{(access == Access.Member ? "the owner" : access == Access.Admin ? "an admin" : "the team's owner")} got {(int)theirs}");
                if (idKind == Id.Item)
                {
                    // A viewer of the file is never told it does not exist: they read it, or are refused what viewers may not do.
                    var viewer = await AnswerAsync(api ? eve : eveBrowser, route, url);
                    Expect(Success(viewer) || viewer is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, route, $"a viewer got {(int)viewer}");
                }
            }

            // A member is never let into admin routes, nor an admin into the owner's.
            if (access is Access.Admin or Access.Owner)
            {
                var member = await StatusAsync(api ? mark : markBrowser, route, random);
                Expect(!Success(member) && (int)member < 500, route, $"a member got {(int)member}");
            }
            if (access == Access.Owner)
            {
                var admin = await StatusAsync(api ? adam : adamBrowser, route, random);
                Expect(!Success(admin) && (int)admin < 500, route, $"an admin got {(int)admin}");
            }

            // Another team's owner: this team's id answers exactly like a random one, and never with success.
            if (IdOf(idKind, ids) is { } existing)
            {
                var other = api ? gary : garyBrowser;
                var theirs = await StatusAsync(other, route, Fill(route, existing));
                var made = await StatusAsync(other, route, random);
                Expect(!Success(theirs) && theirs == made, route, $"another team's owner got {(int)theirs} for this team's id, {(int)made} for a random one");

                // A member without access to Mia's private file or link: the same as a random id.
                if (idKind is Id.Item or Id.Share)
                {
                    var caller = api ? mark : markBrowser;
                    var hers = await StatusAsync(caller, route, Fill(route, existing));
                    var none = await StatusAsync(caller, route, random);
                    Expect(!Success(hers) && hers == none, route, $"a member without access got {(int)hers} for Mia's id, {(int)none} for a random one");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n" + string.Join("\n", failures));
        Assert.True(checks > 300, $"only {checks} checks ran");
    }
}
