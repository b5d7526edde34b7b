using System.Net;
using System.Net.Http.Json;

namespace TeamShare.IntegrationTests;

/// <summary>Sign-in, tokens, anti-forgery, admin-only pages, health and OpenAPI (ID-8, AD-13, CH-1).</summary>
public sealed class HostTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private readonly TestClock _clock = factory.Clock.Restart();

    /// <summary>On PostgreSQL the keys are in the database and encrypted once an operator sets TeamShare:Keys:CertificatePath.</summary>
    [SqliteFact]
    public async Task Issue27_L10_the_data_protection_keys_are_encrypted_at_rest_with_a_certificate_only_the_service_reads()
    {
        await Browsers.SignedInAsync(factory, "mia@acme.test"); // a sign-in cookie needs a key
        var keys = Directory.GetFiles(Path.Combine(factory.DataDirectory, "keys"), "key-*.xml");
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            var xml = File.ReadAllText(key);
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(factory.DataDirectory, "keys-protection.pfx")));
    }

    /// <summary>
    /// Issue 24 (B2, B8): new keys encrypt with AES-256-GCM, which costs a counted open's ticket or a mail's link about half of
    /// AES-CBC + HMAC. Keys of the earlier algorithm keep opening what they sealed (UpgradeTests opens a release's links).
    /// </summary>
    [SqliteFact]
    public async Task Issue24_new_data_protection_keys_use_aes_256_gcm()
    {
        await Browsers.SignedInAsync(factory, "mia@acme.test");
        var keys = Directory.GetFiles(Path.Combine(factory.DataDirectory, "keys"), "key-*.xml");
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains("<encryption algorithm=\"AES_256_GCM\" />", File.ReadAllText(key)));
    }

    [Fact]
    public async Task ID8_passwords_are_stored_as_pbkdf2_hmac_sha512_with_at_least_210000_iterations()
    {
        // A host of its own with the server's hashing: the suite's hosts hash at 1 000 rounds to save minutes of CPU.
        using var host = new TeamShareFactory { ServerPasswordHashing = true };
        var hash = Convert.FromBase64String((string)(await host.SqlAsync(
            """SELECT "PasswordHash" FROM "identity_users" WHERE "NormalizedEmail" = 'MIA@ACME.TEST'"""))!);
        // ASP.NET Core Identity v3 format: marker 0x01, PRF (2 = HMAC-SHA512), iteration count, salt length, all big-endian.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 210_000);
    }

    [Fact]
    public async Task ID8_five_failed_sign_ins_throttle_the_sixth_even_with_the_right_password()
    {
        var client = factory.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/tokens", new { email = "mark@acme.test", password = "wrong", name = "x" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/auth/tokens", new { email = "mark@acme.test", password = TeamShareFactory.Password, name = "x" });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal("throttled", (await right.Json()).GetProperty("reason").GetString());

        _clock.Advance(TimeSpan.FromMinutes(16));
        var later = await client.PostAsJsonAsync("/api/auth/tokens", new { email = "mark@acme.test", password = TeamShareFactory.Password, name = "x" });
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
    }

    [Fact]
    public async Task ID8_a_token_request_without_email_names_the_field()
    {
        var response = await factory.Anonymous().PostAsJsonAsync("/api/auth/tokens", new { password = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task ID8_sign_in_page_rejects_a_wrong_password_without_saying_whether_the_account_exists()
    {
        var client = factory.Client();
        var token = Browsers.FormToken(await client.GetStringAsync("/signin"));
        async Task<string> Attempt(string email) => await (await client.PostAsync("/signin", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = "nope", ["__RequestVerificationToken"] = token })))
            .Content.ReadAsStringAsync();
        var known = await Attempt("eve@acme.test");
        var unknown = await Attempt("nobody@acme.test");
        Assert.Contains("do not match an account", known);
        Assert.Contains("do not match an account", unknown);
    }

    [Fact]
    public async Task ID8_cookie_calls_to_the_api_need_the_anti_forgery_token_and_bearer_calls_do_not()
    {
        var browser = await Browsers.SignedInAsync(factory, "mia@acme.test");
        var page = await browser.GetStringAsync("/files");
        var spaces = await (await browser.GetAsync("/api/spaces")).Json();
        var space = spaces[0].Id();

        var forged = await browser.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "forged" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("antiforgery", (await forged.Json()).GetProperty("reason").GetString());

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/folders") { Content = JsonContent.Create(new { name = "genuine" }) };
        request.Headers.Add("RequestVerificationToken", Browsers.MetaToken(page));
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(request)).StatusCode);

        var script = await factory.ClientForAsync("mia@acme.test");
        Assert.Equal(HttpStatusCode.Created, (await script.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "scripted" })).StatusCode);
    }

    [Fact]
    public async Task AD13_the_server_wide_job_dashboard_is_for_configured_operators_not_for_any_teams_owner_or_admin()
    {
        var member = await Browsers.SignedInAsync(factory, "mia@acme.test");
        var refused = await member.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/not-allowed", refused.Headers.Location!.OriginalString);

        var anonymous = await factory.Anonymous().GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/signin", anonymous.Headers.Location!.OriginalString);

        // A team's admin, and another team's owner, run their own team only: the dashboard acts on every team's jobs.
        foreach (var email in new[] { "adam@acme.test", "gary@globex.test" })
        {
            var teamAdmin = await Browsers.SignedInAsync(factory, email);
            var page = await teamAdmin.GetAsync("/admin/jobs/recurring");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/not-allowed", page.Headers.Location!.OriginalString);
            var remove = await teamAdmin.PostAsync("/admin/jobs/recurring/remove",
                new FormUrlEncodedContent([new("jobs[]", "links-expiry-sweep")]));
            Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
            Assert.DoesNotContain("/admin/jobs", await (await teamAdmin.GetAsync("/admin")).Content.ReadAsStringAsync());
        }
        // Issue 29: the dashboard takes a browser session only, never a token, not even the operator's own (it was 403 for
        // another team's owner and 200 for the operator's token before).
        foreach (var email in new[] { "gary@globex.test", "olivia@acme.test" })
        {
            var bearer = await (await factory.ClientForAsync(email)).GetAsync("/admin/jobs/stats");
            Assert.Equal(HttpStatusCode.Redirect, bearer.StatusCode);
            Assert.StartsWith("/signin", bearer.Headers.Location!.OriginalString);
        }

        // The operator named in TeamShare:Operators (the factory names olivia@acme.test) reaches it, and the console links it.
        var operatorClient = await Browsers.SignedInAsync(factory, "olivia@acme.test");
        var dashboard = await operatorClient.GetAsync("/admin/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("TeamShare jobs", await dashboard.Content.ReadAsStringAsync());
        Assert.Contains("/admin/jobs", await (await operatorClient.GetAsync("/admin")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CH1_links_and_email_register_as_channels_and_only_admins_read_the_policy()
    {
        var member = await factory.ClientForAsync("mia@acme.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/admin/policy")).StatusCode);

        var admin = await factory.ClientForAsync("olivia@acme.test");
        var policy = await (await admin.GetAsync("/api/admin/policy")).Json();
        var channels = policy.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.True(channels["links"].GetProperty("isActive").GetBoolean());
        Assert.True(channels["email"].GetProperty("isActive").GetBoolean());
        Assert.True(channels["webhook"].GetProperty("isActive").GetBoolean());
        Assert.True(policy.GetProperty("linksOutsideTeamEnabled").GetBoolean());
    }

    [Fact]
    public async Task Health_is_ready_and_the_openapi_document_lists_the_routes()
    {
        var client = factory.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        foreach (var route in new[] { "/api/shares", "/api/auth/tokens", "/api/spaces/{spaceId}/files", "/s/{token}/items/{itemId}/download" })
            Assert.Contains(route, openApi);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api-docs")).StatusCode);
    }

    [Fact]
    public async Task Issue23_an_instance_short_of_disk_is_alive_but_not_ready()
    {
        using var full = new TeamShareFactory();
        full.Settings["TeamShare:Blobs:MinFreeMegabytes"] = (1L << 40).ToString(); // a petabyte: no test disk has it free
        var client = full.Anonymous();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Anonymous().GetAsync("/health/ready")).StatusCode);
    }

    [Theory]
    [InlineData("/api/spaces/{spaceId}/folders", "post", "201")]
    [InlineData("/api/items/{id}", "patch", "200")]
    [InlineData("/api/items/{id}/access/{grantId}", "patch", "204")]
    [InlineData("/api/admin/policy", "put", "200")]
    public async Task The_openapi_document_describes_a_use_cases_answer_and_its_refusals(string path, string method, string ok)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await factory.Anonymous().GetStringAsync("/openapi/v1.json"));
        var responses = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.True(responses.TryGetProperty(ok, out var success), $"{method} {path} has no {ok} response");
        if (ok != "204") Assert.True(success.GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        foreach (var refusal in new[] { "400", "404" })
            Assert.True(responses.GetProperty(refusal).GetProperty("content").TryGetProperty("application/problem+json", out _),
                $"{method} {path} does not describe its {refusal}");
    }

    [Fact]
    public async Task ID7_a_suspended_member_loses_cookie_and_token_access_on_the_next_request()
    {
        var browser = await Browsers.SignedInAsync(factory, "eve@acme.test");
        var script = await factory.ClientForAsync("eve@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);

        await factory.SqlAsync("""UPDATE "identity_users" SET "IsActive" = FALSE WHERE "NormalizedEmail" = 'EVE@ACME.TEST'""");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
    }
}

public sealed class BadInputTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Theory]
    [InlineData("{bad json", null)]
    [InlineData("""{"itemIds":"not-a-list"}""", "itemIds")]
    [InlineData("""{"itemIds":[],"previewLimit":"ten"}""", "previewLimit")]
    public async Task Unreadable_bodies_are_400_problems_naming_the_field_never_500(string body, string? field)
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var response = await mia.PostAsync("/api/shares", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_of_the_wrong_type_is_a_415_problem_and_an_unknown_route_stays_404()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var wrongType = await mia.PostAsync("/api/shares", new StringContent("itemIds=1", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/json", (await wrongType.Json()).GetProperty("detail").GetString());
        var noType = await mia.PatchAsync($"/api/items/{Guid.NewGuid()}", new ByteArrayContent("{}"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, noType.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await mia.PostAsync("/api/no-such-route", new StringContent("x", System.Text.Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mia.GetAsync("/api/no-such-route")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Anonymous().GetAsync("/no-such-page")).StatusCode);
    }

    [Theory]
    [InlineData("/api/shares?createdFrom=notadate")]
    [InlineData("/api/shares?cursor=zzz")]
    [InlineData("/api/admin/activity?from=yesterday")]
    public async Task Unreadable_query_values_are_400_problems(string route)
    {
        var admin = await factory.ClientForAsync("adam@acme.test");
        var response = await admin.GetAsync(route);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
