using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 29 (credentials scoped to their use): an app password opens the drive and nothing else; a token limited to scopes
/// does only what they name, on the API and the drive; scopes never add to a role.
/// </summary>
public sealed class ScopedCredentialTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private HttpClient With(AuthenticationHeaderValue credential)
    {
        var client = factory.Client(cookies: false);
        client.DefaultRequestHeaders.Authorization = credential;
        return client;
    }

    private static HttpRequestMessage Dav(string method, string url) => new(new HttpMethod(method), url) { Headers = { { "Depth", "0" } } };

    private async Task<(HttpResponseMessage Response, string? Token)> TokenAsync(string email, object? scopes)
    {
        var response = await factory.Client(cookies: false).PostAsJsonAsync("/api/auth/tokens",
            new { email, password = TeamShareFactory.Password, name = "scoped", scopes });
        return (response, response.IsSuccessStatusCode ? (await response.Json()).GetProperty("token").GetString() : null);
    }

    [Fact]
    public async Task ID8_Issue29_an_app_password_opens_the_drive_and_is_refused_on_the_api_and_the_admin_console()
    {
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var missing = await olivia.PostAsJsonAsync("/api/me/app-passwords", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Json()).GetProperty("errors").TryGetProperty("name", out _));
        var created = await olivia.PostAsJsonAsync("/api/me/app-passwords", new { name = "Laptop" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Json();
        var (id, password) = (body.Id(), body.GetProperty("password").GetString()!);
        Assert.Equal("WebDAV: Laptop", body.GetProperty("name").GetString());

        var drive = With(Basic("olivia@acme.test", password));
        Assert.Equal((HttpStatusCode)207, (await drive.SendAsync(Dav("PROPFIND", "/dav/"))).StatusCode);
        var asBearer = With(new AuthenticationHeaderValue("Bearer", password));
        Assert.Equal(HttpStatusCode.Unauthorized, (await asBearer.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asBearer.PutAsJsonAsync("/api/admin/policy", new { settings = new { } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await drive.GetAsync("/api/admin/policy")).StatusCode);

        // Listed beside the tokens, with what each may do; revoked, the device is refused at once.
        var listed = (await (await olivia.GetAsync("/api/me/app-passwords")).Json()).EnumerateArray().Single(t => t.Id() == id);
        Assert.Equal("app_password", listed.GetProperty("kind").GetString());
        Assert.Contains((await (await olivia.GetAsync("/api/auth/tokens")).Json()).EnumerateArray(),
            t => t.Id() == id && t.GetProperty("kind").GetString() == "app_password");
        Assert.DoesNotContain((await (await olivia.GetAsync("/api/me/app-passwords")).Json()).EnumerateArray(),
            t => t.GetProperty("kind").GetString() != "app_password");
        Assert.Equal(HttpStatusCode.NoContent, (await olivia.DeleteAsync($"/api/me/app-passwords/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await drive.SendAsync(Dav("PROPFIND", "/dav/"))).StatusCode);

        // The network drive page makes the same kind.
        var browser = await Browsers.SignedInAsync(factory, "olivia@acme.test");
        var page = await browser.GetStringAsync("/account/webdav");
        var made = await (await browser.PostAsync("/account/webdav", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["device"] = "Phone", ["__RequestVerificationToken"] = Browsers.FormToken(page),
        }))).Content.ReadAsStringAsync();
        var fromPage = System.Text.RegularExpressions.Regex.Match(made, "tsa_[A-Za-z0-9_-]+").Value;
        Assert.NotEmpty(fromPage);
        Assert.Equal((HttpStatusCode)207, (await With(Basic("olivia@acme.test", fromPage)).SendAsync(Dav("PROPFIND", "/dav/"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(new AuthenticationHeaderValue("Bearer", fromPage)).GetAsync("/api/me")).StatusCode);
        Assert.Contains("your drive only", await browser.GetStringAsync("/account/tokens"));
    }

    [Fact]
    public async Task ID8_Issue29_a_token_does_only_what_its_scopes_name_on_the_api_and_the_drive_and_never_more_than_the_role()
    {
        foreach (var wrong in new object[] { new[] { "root" }, Array.Empty<string>() })
        {
            var (refused, _) = await TokenAsync("olivia@acme.test", wrong);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("scopes", out _));
        }
        var owner = await factory.ClientForAsync("olivia@acme.test");
        var space = (await owner.PersonalSpace()).Id();

        var (_, read) = await TokenAsync("olivia@acme.test", new[] { "read" });
        var reader = With(new AuthenticationHeaderValue("Bearer", read!));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/me")).StatusCode);
        var write = await reader.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "not-by-a-reader" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("scope", (await write.Json()).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/admin/policy")).StatusCode);
        var readerDrive = With(Basic("olivia@acme.test", read!));
        Assert.Equal((HttpStatusCode)207, (await readerDrive.SendAsync(Dav("PROPFIND", "/dav/"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readerDrive.SendAsync(Dav("MKCOL", $"/dav/spaces/{space}/not-by-a-reader/"))).StatusCode);

        var (_, readWrite) = await TokenAsync("olivia@acme.test", new[] { "write", "read" });
        var writer = With(new AuthenticationHeaderValue("Bearer", readWrite!));
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "by-a-writer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/api/admin/members")).StatusCode);

        var (_, adminOnly) = await TokenAsync("olivia@acme.test", new[] { "admin" });
        var console = With(new AuthenticationHeaderValue("Bearer", adminOnly!));
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/api/admin/policy")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await console.GetAsync($"/api/spaces/{space}/items")).StatusCode);

        // Scopes never add to a role: a member's admin scope reaches no console route.
        var (_, memberAll) = await TokenAsync("mia@acme.test", new[] { "read", "write", "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, (await With(new AuthenticationHeaderValue("Bearer", memberAll!)).GetAsync("/api/admin/policy")).StatusCode);

        // Listed with their scopes; an unscoped token, as before, may do what the role allows.
        var tokens = (await (await owner.GetAsync("/api/auth/tokens")).Json()).EnumerateArray().ToList();
        Assert.Contains(tokens, t => t.GetProperty("scopes").ValueKind == System.Text.Json.JsonValueKind.Array
            && t.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).SequenceEqual(["read", "write"]));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/admin/policy")).StatusCode);

        // The account page makes a scoped token and says what each may do.
        var browser = await Browsers.SignedInAsync(factory, "olivia@acme.test");
        var page = await browser.GetStringAsync("/account/tokens");
        var made = await (await browser.PostAsync("/account/tokens?handler=Create", new FormUrlEncodedContent(
        [
            new("name", "page reader"), new("scopes", "read"), new("__RequestVerificationToken", Browsers.FormToken(page)),
        ]))).Content.ReadAsStringAsync();
        var fromPage = System.Text.RegularExpressions.Regex.Match(made, "tsp_[A-Za-z0-9_-]+").Value;
        Assert.Equal(HttpStatusCode.Forbidden, (await With(new AuthenticationHeaderValue("Bearer", fromPage)).PostAsJsonAsync(
            $"/api/spaces/{space}/folders", new { name = "not-by-the-page-reader" })).StatusCode);
        Assert.Contains("everything your role allows", made);
    }
}
