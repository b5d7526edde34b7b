using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 29.1: a team signs in with its own OpenID provider — a real one (npm oidc-provider), reached over HTTP by the
/// framework's handler (discovery, code flow with PKCE, token and user-info endpoints); its e-mail domain proven with a DNS
/// TXT record answered by a real DNS server (dnsmasq).
/// </summary>
public sealed class SingleSignOnTests : IDisposable
{
    private readonly DnsServer _dns = new();
    private readonly OpenIdProvider _provider = new();
    private readonly TeamShareFactory _factory;

    public SingleSignOnTests() => _factory = new TeamShareFactory { DnsServer = _dns.Endpoint };

    public void Dispose()
    {
        _factory.Dispose();
        _provider.Dispose();
        _dns.Dispose();
    }

    private async Task<Guid> TeamIdAsync(HttpClient client) => Guid.Parse((await (await client.GetAsync("/api/me")).Json()).GetProperty("teamId").GetString()!);

    /// <summary>The owner registers TeamShare at the provider with the redirect URI the console shows, and saves the client.</summary>
    private async Task<(Guid TeamId, JsonElement Settings)> ConnectAsync(string owner, bool createAccounts = true, bool required = false, string[]? domains = null)
    {
        var client = await _factory.ClientForAsync(owner);
        var redirectUri = (await (await client.GetAsync("/api/admin/sso")).Json()).GetProperty("redirectUri").GetString()!;
        var (clientId, secret) = await _provider.RegisterClientAsync(redirectUri);
        var saved = await client.PutAsJsonAsync("/api/admin/sso", new
        {
            issuer = _provider.Issuer, clientId, clientSecret = secret, groupsClaim = "groups", createAccounts, required, domains = domains ?? [],
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return (await TeamIdAsync(client), await saved.Json());
    }

    private static async Task<IReadOnlyList<string>> DepartmentsOfAsync(HttpClient admin, Guid userId) =>
        [.. (await (await admin.GetAsync("/api/admin/departments")).Json()).EnumerateArray()
            .Where(d => d.GetProperty("memberIds").EnumerateArray().Any(m => m.GetString() == userId.ToString()))
            .Select(d => d.GetProperty("name").GetString()!)];

    [Fact]
    public async Task ID4_ID5_Issue29_a_first_sign_in_through_the_teams_provider_makes_the_account_and_its_groups_become_departments_that_follow_it()
    {
        var (teamId, settings) = await ConnectAsync("olivia@acme.test", domains: ["acme.test"]);
        Assert.Equal($"http://localhost/signin/sso/{teamId}/callback", settings.GetProperty("redirectUri").GetString());
        Assert.True(settings.GetProperty("hasClientSecret").GetBoolean());
        Assert.False(settings.TryGetProperty("clientSecret", out _));
        var domain = settings.GetProperty("domains")[0];
        Assert.Equal("pending", domain.GetProperty("status").GetString());

        // Until the domain is proven, the sign-in page does not offer the provider for its addresses.
        var anonymous = _factory.Anonymous();
        var email = $"nora-{Guid.NewGuid():N}@acme.test";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/auth/sso?email={email}")).StatusCode);
        _dns.Start((domain.GetProperty("recordName").GetString()!, domain.GetProperty("recordValue").GetString()!));
        var olivia = await _factory.ClientForAsync("olivia@acme.test");
        var verified = await (await olivia.PostAsync("/api/admin/sso/domains/verify", null)).Json();
        Assert.Equal("verified", verified.GetProperty("domains")[0].GetProperty("status").GetString());
        var found = await (await anonymous.GetAsync($"/api/auth/sso?email={email}")).Json();
        Assert.Equal(teamId.ToString(), found.GetProperty("teamId").GetString());
        Assert.Equal("127.0.0.1", found.GetProperty("provider").GetString());

        // The first sign-in makes Nora a member, in the department her group names.
        _provider.SetAccount(email, new { name = "Nora North", groups = new[] { "Research" } });
        var browser = _factory.Client(cookies: true);
        Assert.Equal("/files", await _provider.SignInAsync(browser, found.GetProperty("url").GetString()!, email));
        var me = await (await browser.GetAsync("/api/me")).Json();
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal("member", me.GetProperty("role").GetString());
        var noraId = Guid.Parse(me.Id());
        var adam = await _factory.ClientForAsync("adam@acme.test");
        Assert.Equal(["Research"], await DepartmentsOfAsync(adam, noraId));

        // Moved between groups at the provider: the next sign-in moves her between departments; the ones an admin made stay put.
        var engineering = (await (await adam.GetAsync("/api/admin/departments")).Json()).EnumerateArray().First(d => d.GetProperty("name").GetString() == "Engineering").Id();
        Assert.Equal(HttpStatusCode.NoContent, (await adam.PutAsync($"/api/admin/departments/{engineering}/members/{noraId}", null)).StatusCode);
        _provider.SetAccount(email, new { name = "Nora North", groups = new[] { "Sales" } });
        Assert.Equal("/files", await _provider.SignInAsync(_factory.Client(cookies: true), SingleSignOnStart(teamId), email));
        Assert.Equal(["Engineering", "Sales (directory)"], (await DepartmentsOfAsync(adam, noraId)).Order());

        // A department that follows the directory is read-only in the console and the API.
        var sales = (await (await adam.GetAsync("/api/admin/departments")).Json()).EnumerateArray().First(d => d.GetProperty("name").GetString() == "Sales (directory)");
        Assert.Equal("Sales", sales.GetProperty("directoryGroup").GetString());
        var removed = await adam.DeleteAsync($"/api/admin/departments/{sales.Id()}/members/{noraId}");
        Assert.Equal(HttpStatusCode.Conflict, removed.StatusCode);
        Assert.Contains("follows your directory", await removed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await adam.DeleteAsync($"/api/admin/departments/{sales.Id()}")).StatusCode);
    }

    private static string SingleSignOnStart(Guid teamId) => $"/signin/sso/{teamId}";

    [Fact]
    public async Task ID1_Issue29_a_teams_provider_signs_in_only_that_teams_people_and_only_with_a_verified_address()
    {
        await ConnectAsync("olivia@acme.test", createAccounts: false);
        var (globex, _) = await ConnectAsync("gary@globex.test", createAccounts: true);

        // Globex's provider vouches for Mia, of Acme: Globex's sign-in refuses her, and nobody is signed in.
        var browser = _factory.Client(cookies: true);
        Assert.Equal("/signin?sso=no_account", await _provider.SignInAsync(browser, SingleSignOnStart(globex), "mia@acme.test"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        // Nor does it make an account for an address of a domain Globex never proved.
        Assert.Equal("/signin?sso=no_account", await _provider.SignInAsync(browser, SingleSignOnStart(globex), $"someone-{Guid.NewGuid():N}@acme.test"));

        // Acme's own provider signs Mia in to Acme, but an address it has not verified signs in nobody.
        var acme = Guid.Parse((await (await (await _factory.ClientForAsync("mia@acme.test")).GetAsync("/api/me")).Json()).GetProperty("teamId").GetString()!);
        Assert.Equal("/files", await _provider.SignInAsync(browser, SingleSignOnStart(acme), "mia@acme.test"));
        Assert.Equal("mia@acme.test", (await (await browser.GetAsync("/api/me")).Json()).GetProperty("email").GetString());
        var other = _factory.Client(cookies: true);
        _provider.SetAccount("mark@acme.test", new { email_verified = false });
        Assert.Equal("/signin?sso=email_unverified", await _provider.SignInAsync(other, SingleSignOnStart(acme), "mark@acme.test"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Issue29_single_sign_on_required_turns_members_passwords_away_but_the_owner_keeps_a_way_in()
    {
        var adam = await _factory.ClientForAsync("adam@acme.test");
        var (acme, _) = await ConnectAsync("olivia@acme.test", required: true);
        var anonymous = _factory.Anonymous();
        var refused = await anonymous.PostAsJsonAsync("/api/auth/tokens", new { email = "mark@acme.test", password = TeamShareFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("sso_required", (await refused.Json()).GetProperty("reason").GetString());
        // A wrong password is told apart from nothing: the answer is the usual one.
        var wrong = await anonymous.PostAsJsonAsync("/api/auth/tokens", new { email = "mark@acme.test", password = "not-his-password" });
        Assert.Equal("invalid_credentials", (await wrong.Json()).GetProperty("reason").GetString());
        // The owner's break-glass password still works.
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/auth/tokens", new { email = "olivia@acme.test", password = TeamShareFactory.Password })).StatusCode);
        // The sign-in page sends a member with the right password on to the provider, where Mark signs in.
        var browser = _factory.Client(cookies: true);
        var form = await browser.GetStringAsync("/signin");
        var page = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "mark@acme.test", ["Password"] = TeamShareFactory.Password, ["__RequestVerificationToken"] = Browsers.FormToken(form),
        }));
        Assert.StartsWith($"/signin/sso/{acme}?email=mark%40acme.test", page.Headers.Location!.OriginalString);
        Assert.Equal("/files", await _provider.SignInAsync(browser, page.Headers.Location!.OriginalString, "mark@acme.test"));
        Assert.Equal("mark@acme.test", (await (await browser.GetAsync("/api/me")).Json()).GetProperty("email").GetString());

        // Only the owner sees or changes how the team signs in; what they send is checked field by field.
        Assert.Equal(HttpStatusCode.Forbidden, (await adam.GetAsync("/api/admin/sso")).StatusCode);
        var olivia = await _factory.ClientForAsync("olivia@acme.test");
        var bad = await olivia.PutAsJsonAsync("/api/admin/sso", new { issuer = "http://login.example.com", clientId = "x", clientSecret = "y" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Json()).GetProperty("errors").TryGetProperty("issuer", out _));
        Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/sso", new { issuer = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/auth/tokens", new { email = "mark@acme.test", password = TeamShareFactory.Password })).StatusCode);
    }
}
