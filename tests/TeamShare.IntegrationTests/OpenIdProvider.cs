using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TeamShare.IntegrationTests;

/// <summary>
/// A real OpenID provider (npm oidc-provider, OpenID Certified; tests/oidc/provider.mjs) on a port of its own. Its login form
/// signs in any login, the login being the e-mail; <see cref="SetAccount"/> changes what it vouches for.
/// </summary>
public sealed partial class OpenIdProvider : IDisposable
{
    private readonly Process _process;
    public int Port { get; } = SmtpServer.FreePort();
    public string Issuer => $"http://127.0.0.1:{Port}";
    private readonly string _accounts = Directory.CreateTempSubdirectory("teamshare-oidc").FullName;

    public OpenIdProvider()
    {
        var folder = Path.Combine(SmtpServer.RepositoryRoot(), "tests", "oidc");
        _process = Process.Start(new ProcessStartInfo("node", [Path.Combine(folder, "provider.mjs"), folder, Port.ToString(), _accounts])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        SmtpServer.WaitUntilListening(Port, _process, "oidc-provider");
    }

    /// <summary>Registers a client (RFC 7591) for one redirect URI: what an owner does at their provider's console.</summary>
    public async Task<(string ClientId, string ClientSecret)> RegisterClientAsync(string redirectUri)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{Issuer}/reg", new { redirect_uris = new[] { redirectUri }, token_endpoint_auth_method = "client_secret_post" });
        response.EnsureSuccessStatusCode();
        var client = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (client.GetProperty("client_id").GetString()!, client.GetProperty("client_secret").GetString()!);
    }

    /// <summary>What the provider says of the person who signs in as <paramref name="login"/> (email, email_verified, name, groups).</summary>
    public void SetAccount(string login, object claims) =>
        File.WriteAllText(Path.Combine(_accounts, Uri.EscapeDataString(login) + ".json"), JsonSerializer.Serialize(claims));

    /// <summary>
    /// A browser's trip without a browser: TeamShare's start sends it to the provider, whose login form and consent are
    /// answered as a person would; the provider's answer goes back to TeamShare. Returns where TeamShare sent the browser last.
    /// </summary>
    public async Task<string> SignInAsync(HttpClient teamShare, string startPath, string login)
    {
        var start = await teamShare.GetAsync(startPath);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var next = start.Headers.Location!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        for (var step = 0; step < 12 && next.Authority == new Uri(Issuer).Authority; step++)
        {
            var response = await browser.GetAsync(next);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var html = await response.Content.ReadAsStringAsync();
                var action = new Uri(next, WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value));
                var fields = html.Contains("name=\"login\"")
                    ? new Dictionary<string, string> { ["prompt"] = "login", ["login"] = login, ["password"] = "any" }
                    : new Dictionary<string, string> { ["prompt"] = "consent" };
                response = await browser.PostAsync(action, new FormUrlEncodedContent(fields));
            }
            Assert.True((int)response.StatusCode is >= 300 and < 400, $"the provider answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            next = new Uri(next, response.Headers.Location!);
        }
        var back = await teamShare.GetAsync(next.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return back.Headers.Location!.OriginalString;
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    public void Dispose()
    {
        if (!_process.HasExited) { _process.Kill(); _process.WaitForExit(5000); }
        try { Directory.Delete(_accounts, recursive: true); } catch (IOException) { }
    }
}
