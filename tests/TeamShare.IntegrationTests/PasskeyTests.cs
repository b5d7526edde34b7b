using System.Formats.Cbor;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 29 (passkeys) through the JSON API, with an authenticator made here as a security key would be (an ES256 key pair,
/// "none" attestation): a member makes a passkey, a browser signs in with it and no password, the signature counter and
/// the member's own key are checked, and a removed or foreign key signs in no more. The browser's own authenticator is
/// driven by the browser tests (Chromium's virtual authenticator).
/// </summary>
public sealed class PasskeyTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    /// <summary>The in-process host listens on no address, so it is its own relying party at http://localhost.</summary>
    private const string Origin = "http://localhost", RpId = "localhost";

    private async Task<HttpClient> CookieClientAsync(string email)
    {
        var api = await factory.ClientForAsync(email);
        // The ceremony's options ride in a cookie between the two calls, as in a browser.
        var client = factory.Client(cookies: true);
        client.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        return client;
    }

    [Fact]
    public async Task ID8_Issue29_a_member_makes_a_passkey_and_a_browser_signs_in_with_it_alone_until_it_is_removed()
    {
        var email = await factory.NewMemberAsync("passkey", "Pat Passkey");
        var pat = await CookieClientAsync(email);
        Assert.Empty((await (await pat.GetAsync("/api/me/passkeys")).Json()).EnumerateArray());

        var options = await (await pat.PostAsync("/api/me/passkeys/options", null)).Json();
        Assert.Equal(RpId, options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(email, options.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
        var key = new SoftwareAuthenticator();
        var made = await pat.PostAsJsonAsync("/api/me/passkeys", new { name = "Test key", password = TeamShareFactory.Password, credential = key.Create(options) });
        Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        var passkey = (await made.Json()).Id();
        // The same options cannot make a second passkey: the challenge went with the first.
        var again = await pat.PostAsJsonAsync("/api/me/passkeys", new { name = "Again", password = TeamShareFactory.Password, credential = new SoftwareAuthenticator().Create(options) });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True((await again.Json()).GetProperty("errors").TryGetProperty("credential", out _));

        // A browser with no session signs in with the passkey alone, and is the member.
        var browser = factory.Client(cookies: true);
        var signIn = await browser.PostAsJsonAsync("/api/auth/passkey", new { credential = key.Get(await (await browser.PostAsync("/api/auth/passkey/options", null)).Json()), returnUrl = "/shares" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("/shares", (await signIn.Json()).GetProperty("redirect").GetString());
        Assert.Equal(email, (await (await browser.GetAsync("/api/me")).Json()).GetProperty("email").GetString());
        var listed = Assert.Single((await (await pat.GetAsync("/api/me/passkeys")).Json()).EnumerateArray());
        Assert.Equal("Test key", listed.GetProperty("name").GetString());
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);

        // An answer replayed (its counter not moved on) or made for a challenge this browser was not given is refused.
        var replay = factory.Client(cookies: true);
        var replayOptions = await (await replay.PostAsync("/api/auth/passkey/options", null)).Json();
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.PostAsJsonAsync("/api/auth/passkey", new { credential = key.Get(replayOptions, counterStep: 0) })).StatusCode);
        var stranger = factory.Client(cookies: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("/api/auth/passkey", new { credential = key.Get(replayOptions) })).StatusCode);

        // Another member cannot remove it; its owner can, with their password typed again, and it signs in no more.
        var mark = await CookieClientAsync("mark@acme.test");
        Assert.Equal(HttpStatusCode.NotFound, (await mark.SendAsync(Remove(passkey, TeamShareFactory.Password))).StatusCode);
        var bodyless = await pat.DeleteAsync($"/api/me/passkeys/{passkey}");
        Assert.Equal(HttpStatusCode.BadRequest, bodyless.StatusCode);
        Assert.True((await bodyless.Json()).GetProperty("errors").TryGetProperty("password", out _));
        var unconfirmed = await pat.SendAsync(Remove(passkey, "not-the-password"));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.True((await unconfirmed.Json()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Single((await (await pat.GetAsync("/api/me/passkeys")).Json()).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await pat.SendAsync(Remove(passkey, TeamShareFactory.Password))).StatusCode);
        var after = factory.Client(cookies: true);
        var refused = await after.PostAsJsonAsync("/api/auth/passkey", new { credential = key.Get(await (await after.PostAsync("/api/auth/passkey/options", null)).Json()) });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("passkey_refused", (await refused.Json()).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await after.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ID8_Issue29_fifty_wrong_passwords_from_many_addresses_leave_the_passkey_working_even_from_those_addresses()
    {
        var email = await factory.NewMemberAsync("locked-out", "Lou Lockout");
        var lou = await CookieClientAsync(email);
        var key = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.Created, (await lou.PostAsJsonAsync("/api/me/passkeys", new { name = "Laptop", password = TeamShareFactory.Password,
            credential = key.Create(await (await lou.PostAsync("/api/me/passkeys/options", null)).Json()) })).StatusCode);

        var guesser = factory.Anonymous();
        for (var address = 1; address <= 10; address++)
            for (var i = 0; i < 5; i++)
            {
                var guess = new HttpRequestMessage(HttpMethod.Post, "/api/auth/tokens")
                {
                    Content = JsonContent.Create(new { email, password = $"guess-{address}-{i}", name = "x" }),
                    Headers = { { "X-Test-Client-Address", $"198.51.100.{address}" } },
                };
                Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SendAsync(guess)).StatusCode);
            }

        // The password is slowed at those addresses, even the right one; the passkey is not a password, and signs in from there.
        var right = new HttpRequestMessage(HttpMethod.Post, "/api/auth/tokens")
        {
            Content = JsonContent.Create(new { email, password = TeamShareFactory.Password, name = "x" }),
            Headers = { { "X-Test-Client-Address", "198.51.100.3" } },
        };
        Assert.Equal((HttpStatusCode)429, (await guesser.SendAsync(right)).StatusCode);
        var browser = factory.Client(cookies: true);
        browser.DefaultRequestHeaders.Add("X-Test-Client-Address", "198.51.100.3");
        var options = await (await browser.PostAsync("/api/auth/passkey/options", null)).Json();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/auth/passkey", new { credential = key.Get(options) })).StatusCode);
        Assert.Equal(email, (await (await browser.GetAsync("/api/me")).Json()).GetProperty("email").GetString());
    }

    private static HttpRequestMessage Remove(string passkey, string password) =>
        new(HttpMethod.Delete, $"/api/me/passkeys/{passkey}") { Content = JsonContent.Create(new { password }) };

    [Fact]
    public async Task Issue29_a_passkey_needs_a_name_the_members_password_and_an_answer_to_this_browsers_own_question()
    {
        var mia = await CookieClientAsync("mia@acme.test");
        // A session left open (or a stolen token) cannot add a passkey without the password.
        var unconfirmed = await mia.PostAsJsonAsync("/api/me/passkeys", new { name = "Mine now", password = "guess",
            credential = new SoftwareAuthenticator().Create(await (await mia.PostAsync("/api/me/passkeys/options", null)).Json()) });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.True((await unconfirmed.Json()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Empty((await (await mia.GetAsync("/api/me/passkeys")).Json()).EnumerateArray());
        var options = await (await mia.PostAsync("/api/me/passkeys/options", null)).Json();
        var unnamed = await mia.PostAsJsonAsync("/api/me/passkeys", new { credential = new SoftwareAuthenticator().Create(options) });
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.True((await unnamed.Json()).GetProperty("errors").TryGetProperty("name", out _));
        // Options asked for by another member's browser do not make a passkey for this one.
        var other = await CookieClientAsync("mark@acme.test");
        var foreign = await (await other.PostAsync("/api/me/passkeys/options", null)).Json();
        Assert.Equal(HttpStatusCode.BadRequest, (await mia.PostAsJsonAsync("/api/me/passkeys", new { name = "x", password = TeamShareFactory.Password, credential = new SoftwareAuthenticator().Create(foreign) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await mia.PostAsJsonAsync("/api/me/passkeys", new { name = "x", password = TeamShareFactory.Password, credential = new { id = "nonsense" } })).StatusCode);
    }

    [Fact]
    public async Task ID8_Issue29_a_passkey_is_the_second_step_after_a_password_meets_the_teams_rule_and_an_admin_reset_removes_it()
    {
        var email = await factory.NewMemberAsync("second-step", "Sam Second");
        var sam = await CookieClientAsync(email);
        var key = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync("/api/me/passkeys",
            new { name = "Phone", password = TeamShareFactory.Password, credential = key.Create(await (await sam.PostAsync("/api/me/passkeys/options", null)).Json()) })).StatusCode);

        // The password alone no longer signs in: the page asks for the passkey next, and a token cannot be made with it.
        var page = factory.Client(cookies: true);
        var form = await page.GetStringAsync("/signin");
        var signIn = await page.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = TeamShareFactory.Password, ["__RequestVerificationToken"] = Browsers.FormToken(form),
        }));
        Assert.Equal("/signin/code?ReturnUrl=%2Ffiles", signIn.Headers.Location?.OriginalString);
        var step = await page.GetStringAsync("/signin/code");
        Assert.Contains("Use your passkey", step);
        Assert.DoesNotContain("Code from your authenticator app", step);
        Assert.Equal(HttpStatusCode.Unauthorized, (await page.GetAsync("/api/me")).StatusCode);
        var token = await factory.Anonymous().PostAsJsonAsync("/api/auth/tokens", new { email, password = TeamShareFactory.Password, name = "t" });
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal("passkey_required", (await token.Json()).GetProperty("reason").GetString());
        // The passkey finishes it.
        var passkeyAnswer = key.Get(await (await page.PostAsync("/api/auth/passkey/options", null)).Json());
        Assert.Equal(HttpStatusCode.OK, (await page.PostAsJsonAsync("/api/auth/passkey", new { credential = passkeyAnswer })).StatusCode);
        Assert.Equal(email, (await (await page.GetAsync("/api/me")).Json()).GetProperty("email").GetString());

        // A team that requires a second factor of everyone holds members without one, not those with a passkey.
        var held = await factory.ClientForAsync(await factory.NewMemberAsync("held", "Hal Held"));
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/team/two-factor", new { require = "everyone" })).StatusCode);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/api/spaces")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await held.GetAsync("/api/spaces")).StatusCode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/team/two-factor", new { require = "off" })).StatusCode);
        }

        // An admin's reset takes the passkeys too (a lost laptop): the password alone signs in again.
        var adam = await factory.ClientForAsync("adam@acme.test");
        Assert.Equal(HttpStatusCode.NoContent, (await adam.DeleteAsync($"/api/admin/members/{await sam.UserIdAsync()}/two-factor")).StatusCode);
        Assert.Empty((await (await sam.GetAsync("/api/me/passkeys")).Json()).EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, (await factory.Anonymous().PostAsJsonAsync("/api/auth/tokens",
            new { email, password = TeamShareFactory.Password, name = "t" })).StatusCode);
    }

    /// <summary>A security key in software: one ES256 credential, answering create() and get() as a browser hands them on.</summary>
    private sealed class SoftwareAuthenticator
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        private readonly byte[] _id = RandomNumberGenerator.GetBytes(32);
        private byte[] _userHandle = [];
        private uint _counter;

        public object Create(JsonElement options)
        {
            _userHandle = WebEncoders.Base64UrlDecode(options.GetProperty("user").GetProperty("id").GetString()!);
            var parameters = _key.ExportParameters(false);
            var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
            cose.WriteStartMap(5);
            cose.WriteInt32(1); cose.WriteInt32(2);       // kty: EC2
            cose.WriteInt32(3); cose.WriteInt32(-7);      // alg: ES256
            cose.WriteInt32(-1); cose.WriteInt32(1);      // crv: P-256
            cose.WriteInt32(-2); cose.WriteByteString(parameters.Q.X!);
            cose.WriteInt32(-3); cose.WriteByteString(parameters.Q.Y!);
            cose.WriteEndMap();
            var authData = AuthData(0x45, [.. new byte[16], (byte)(_id.Length >> 8), (byte)_id.Length, .. _id, .. cose.Encode()]);
            var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
            attestation.WriteStartMap(3);
            attestation.WriteTextString("fmt"); attestation.WriteTextString("none");
            attestation.WriteTextString("attStmt"); attestation.WriteStartMap(0); attestation.WriteEndMap();
            attestation.WriteTextString("authData"); attestation.WriteByteString(authData);
            attestation.WriteEndMap();
            return Credential(new
            {
                attestationObject = WebEncoders.Base64UrlEncode(attestation.Encode()),
                clientDataJSON = WebEncoders.Base64UrlEncode(ClientData("webauthn.create", options)), transports = new[] { "usb" },
            });
        }

        public object Get(JsonElement options, uint counterStep = 1)
        {
            _counter += counterStep;
            var authData = AuthData(0x05, []);
            var clientData = ClientData("webauthn.get", options);
            var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            return Credential(new
            {
                authenticatorData = WebEncoders.Base64UrlEncode(authData), clientDataJSON = WebEncoders.Base64UrlEncode(clientData),
                signature = WebEncoders.Base64UrlEncode(signature), userHandle = WebEncoders.Base64UrlEncode(_userHandle),
            });
        }

        /// <param name="flags">User present (1), verified (4), credential data attached (0x40).</param>
        private byte[] AuthData(byte flags, byte[] attested) =>
            [.. SHA256.HashData(Encoding.UTF8.GetBytes(RpId)), flags, (byte)(_counter >> 24), (byte)(_counter >> 16), (byte)(_counter >> 8), (byte)_counter, .. attested];

        private static byte[] ClientData(string type, JsonElement options) => JsonSerializer.SerializeToUtf8Bytes(new
        {
            type, challenge = options.GetProperty("challenge").GetString(), origin = Origin, crossOrigin = false,
        });

        private object Credential(object response) => new
        {
            id = WebEncoders.Base64UrlEncode(_id), rawId = WebEncoders.Base64UrlEncode(_id), type = "public-key", response,
            clientExtensionResults = new { },
        };
    }
}
