using TeamShare.SharedKernel.Publishing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.IntegrationTests;

/// <summary>AD-1..AD-13 through the API: who may change policy, what each switch does to new and existing shares, activity.</summary>
public sealed class PolicyTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private static object Settings(bool external = true, string emailMode = "team_and_approved", bool linksOutside = true,
        string audience = "anyone", int? maxDays = null, bool mayChangeExpiry = true, bool password = false, bool restrictions = false) => new
    {
        externalSharingEnabled = external, emailMode, linksOutsideTeamEnabled = linksOutside, defaultLinkAudience = audience,
        defaultLinkPermission = "members_choose", membersMayOverrideLinkDefaults = true, maxExternalLinkExpiryDays = maxDays,
        membersMayChangeExpiry = mayChangeExpiry, requirePasswordForExternalLinks = password, linkRestrictionsTeamWide = restrictions,
        allowExternalEditableFolders = true,
    };

    private async Task PutPolicy(object settings, object? channels = null)
    {
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var response = await olivia.PutAsJsonAsync("/api/admin/policy", new { settings, channels });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(HttpClient Mia, string Item, string Token)> LinkAsync(object? options = null)
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"policy-{Guid.NewGuid():N}.txt", "x"u8.ToArray())).Id();
        var share = await mia.ShareOk(options ?? new { itemIds = new[] { item } });
        return (mia, item, Api.TokenOf(share.GetProperty("url").GetString()!));
    }

    private static async Task<(HttpStatusCode, string?)> Open(HttpClient client, string token)
    {
        var r = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/s/{token}") { Headers = { { "Accept", "application/json" } } });
        var body = await r.Json();
        return (r.StatusCode, body.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    }

    [Fact]
    public async Task AD13_members_cannot_read_or_change_policy_or_activity_and_admins_see_only_their_team()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        foreach (var route in new[] { "/api/admin/policy", "/api/admin/policy/approved", "/api/admin/activity", "/api/admin/activity.csv", "/api/admin/activity/domains" })
            Assert.Equal(HttpStatusCode.Forbidden, (await mia.GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mia.PutAsJsonAsync("/api/admin/policy", new { settings = Settings() })).StatusCode);
        var page = await (await Browsers.SignedInAsync(factory, "mia@acme.test")).GetAsync("/admin/policy");
        Assert.StartsWith("/not-allowed", page.Headers.Location!.OriginalString);

        await LinkAsync();
        var gary = await factory.ClientForAsync("gary@globex.test");
        var garyActivity = await gary.GetStringAsync("/api/admin/activity");
        Assert.DoesNotContain("link_created", garyActivity);
        var garyPolicy = await gary.PutAsJsonAsync("/api/admin/policy", new { settings = Settings(external: false) });
        Assert.Equal(HttpStatusCode.OK, garyPolicy.StatusCode);
        var (_, _, token) = await LinkAsync();
        Assert.Equal(HttpStatusCode.OK, (await Open(factory.Anonymous(), token)).Item1);
        await gary.PutAsJsonAsync("/api/admin/policy", new { settings = Settings() });
    }

    [Fact]
    public async Task Issue12_AD2_the_share_dialogs_suggestions_refuse_an_outside_address_the_policy_refuses_when_it_is_typed()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        async Task<System.Text.Json.JsonElement> External(string email) =>
            (await (await mia.GetAsync($"/api/directory/search?q={Uri.EscapeDataString(email)}")).Json()).EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "external");
        try
        {
            await PutPolicy(Settings(emailMode: "team_only"));
            var refused = await External("someone@nowhere.example");
            Assert.Equal("Your team's policy does not allow sharing with someone@nowhere.example: sharing by e-mail is for members of your team only.",
                refused.GetProperty("refused").GetString());
            await PutPolicy(Settings(emailMode: "anyone"));
            Assert.False((await External("someone@nowhere.example")).TryGetProperty("refused", out _));
        }
        finally { await PutPolicy(Settings()); }
    }

    [Fact]
    public async Task AD1_switching_external_sharing_off_stops_existing_outside_access_at_once_and_on_restores_it()
    {
        var (_, _, token) = await LinkAsync();
        var visitor = factory.Anonymous();
        var member = await factory.ClientForAsync("eve@acme.test");
        try
        {
            await PutPolicy(Settings(external: false));
            Assert.Equal((HttpStatusCode.Forbidden, "blocked_by_policy"), await Open(visitor, token));
            Assert.Equal(HttpStatusCode.OK, (await Open(member, token)).Item1);
            var mia = await factory.ClientForAsync("mia@acme.test");
            var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "blocked.txt", "x"u8.ToArray())).Id();
            var refused = await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item }, teamOnly = false });
            Assert.Equal("external_sharing_off", (await refused.Json()).GetProperty("reason").GetString());
        }
        finally { await PutPolicy(Settings()); }
        Assert.Equal(HttpStatusCode.OK, (await Open(visitor, token)).Item1);
    }

    [Fact]
    public async Task AD3_links_outside_the_team_off_refuses_outsiders_with_the_reason_and_members_still_open()
    {
        var (mia, item, token) = await LinkAsync();
        try
        {
            await PutPolicy(Settings(linksOutside: false));
            Assert.Equal((HttpStatusCode.Forbidden, "blocked_by_policy"), await Open(factory.Anonymous(), token));
            Assert.Equal(HttpStatusCode.OK, (await Open(await factory.ClientForAsync("mark@acme.test"), token)).Item1);
            var refused = await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item }, teamOnly = false });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Json();
            Assert.Equal("links_outside_team_off", problem.GetProperty("reason").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("teamOnly", out _));
            Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item }, teamOnly = true })).StatusCode);
            // A link not aimed anywhere becomes a team link while outside links are off.
            Assert.True((await mia.ShareOk(new { itemIds = new[] { item } })).GetProperty("teamOnly").GetBoolean());
        }
        finally { await PutPolicy(Settings()); }
    }

    [Fact]
    public async Task AD4_the_default_audience_only_invited_people_is_what_a_new_link_gets()
    {
        var (mia, item, _) = await LinkAsync();
        try
        {
            await PutPolicy(Settings(audience: "invited"));
            Assert.Equal("invited", (await mia.ShareOk(new { itemIds = new[] { item } })).GetProperty("audience").GetString());
            Assert.Equal("invited", (await mia.ShareOk(new { itemIds = new[] { item }, teamOnly = true })).GetProperty("audience").GetString());
            Assert.Equal("anyone", (await mia.ShareOk(new { itemIds = new[] { item }, audience = "anyone" })).GetProperty("audience").GetString());
        }
        finally { await PutPolicy(Settings()); }
    }

    [Fact]
    public async Task AD6_AD7_AD11_maximum_expiry_and_required_password_govern_new_links_only()
    {
        var (_, _, before) = await LinkAsync();
        try
        {
            await PutPolicy(Settings(maxDays: 7, password: true));
            var mia = await factory.ClientForAsync("mia@acme.test");
            var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "rules.txt", "x"u8.ToArray())).Id();
            var noPassword = await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item } });
            Assert.Equal("password_required", (await noPassword.Json()).GetProperty("reason").GetString());
            // The link made before the change keeps working (AD-11).
            Assert.Equal(HttpStatusCode.OK, (await Open(factory.Anonymous(), before)).Item1);

            await PutPolicy(Settings(maxDays: 7));
            var tooLong = await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item }, expiresAt = factory.Clock.GetUtcNow().AddDays(30) });
            Assert.Equal("expiry_too_long", (await tooLong.Json()).GetProperty("reason").GetString());
            var filled = await mia.ShareOk(new { itemIds = new[] { item } });
            var expires = filled.GetProperty("expiresAt").GetDateTime();
            Assert.InRange(expires, factory.Clock.GetUtcNow().AddDays(7).UtcDateTime.AddMinutes(-1), factory.Clock.GetUtcNow().AddDays(7).UtcDateTime.AddMinutes(1));
        }
        finally { await PutPolicy(Settings()); }
    }

    [Fact]
    public async Task AD10_a_channel_switched_off_refuses_new_outside_links_with_the_reason()
    {
        try
        {
            await PutPolicy(Settings(), new Dictionary<string, bool> { ["links"] = false });
            var mia = await factory.ClientForAsync("mia@acme.test");
            var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "channel.txt", "x"u8.ToArray())).Id();
            var refused = await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item }, teamOnly = false });
            Assert.Equal("channel_off", (await refused.Json()).GetProperty("reason").GetString());
            var policy = await (await (await factory.ClientForAsync("adam@acme.test")).GetAsync("/api/admin/policy")).Json();
            Assert.False(policy.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "links").GetProperty("enabled").GetBoolean());
        }
        finally { await PutPolicy(Settings(), new Dictionary<string, bool> { ["links"] = true }); }
    }

    [Fact]
    public async Task AD2_the_approved_list_takes_addresses_and_domains_and_refuses_junk_and_duplicates()
    {
        var admin = await factory.ClientForAsync("adam@acme.test");
        var domain = $"partner{Guid.NewGuid():N}.example";
        var added = await admin.PostAsJsonAsync("/api/admin/policy/approved", new { value = domain.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(domain, (await added.Json()).GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/admin/policy/approved", new { value = domain })).StatusCode);
        var junk = await admin.PostAsJsonAsync("/api/admin/policy/approved", new { value = "not a domain" });
        Assert.True((await junk.Json()).GetProperty("errors").TryGetProperty("value", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/policy/approved/{(await added.Json()).Id()}")).StatusCode);
    }

    [Fact]
    public async Task AD5_bad_settings_are_refused_naming_the_field()
    {
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var response = await olivia.PutAsJsonAsync("/api/admin/policy", new { settings = Settings(emailMode: "everybody", maxDays: 0) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Json()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("emailMode", out _));
        Assert.True(errors.TryGetProperty("maxExternalLinkExpiryDays", out _));
    }

    [Fact]
    public async Task AD12_activity_records_links_and_policy_changes_filters_them_and_exports_formula_safe_csv()
    {
        var admin = await factory.ClientForAsync("olivia@acme.test");
        var email = $"formula-{Guid.NewGuid():N}@acme.test";
        await admin.PostAsJsonAsync("/api/admin/members", new { email, displayName = "=HYPERLINK(\"http://evil\",\"x\")", password = "long-enough-1" });
        var sneaky = await factory.ClientForAsync(email, "long-enough-1");
        var item = (await sneaky.UploadOk((await sneaky.PersonalSpace()).Id(), "report.txt", "x"u8.ToArray())).Id();
        var share = await sneaky.ShareOk(new { itemIds = new[] { item } });
        await Open(factory.Anonymous(), Api.TokenOf(share.GetProperty("url").GetString()!));
        // Link uses reach the activity log a moment later (best effort, batched); a flush waits for them.
        await factory.Services.GetRequiredService<TeamShare.SharedKernel.Publishing.BestEffort<TeamShare.Links.Contracts.LinkUsed>>().FlushAsync(CancellationToken.None);
        await PutPolicy(Settings(emailMode: "anyone"));
        await PutPolicy(Settings());

        var all = await (await admin.GetAsync("/api/admin/activity")).Json();
        var kinds = all.EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToHashSet();
        Assert.Contains("link_created", kinds);
        Assert.Contains("link_opened", kinds);
        var change = all.EnumerateArray().First(a => a.GetProperty("kind").GetString() == "policy_changed" && a.GetProperty("target").GetString() == "EmailMode");
        Assert.Equal("anyone → team_and_approved", change.GetProperty("details").GetString());
        Assert.Equal("Olivia Owner", change.GetProperty("actor").GetString());

        var onlyCreated = await (await admin.GetAsync("/api/admin/activity?kind=link_created")).Json();
        Assert.All(onlyCreated.EnumerateArray(), a => Assert.Equal("link_created", a.GetProperty("kind").GetString()));
        var sneakyId = await sneaky.UserIdAsync();
        var byActor = await (await admin.GetAsync($"/api/admin/activity?actor={sneakyId}")).Json();
        Assert.All(byActor.EnumerateArray(), a => Assert.Equal(sneakyId.ToString(), a.GetProperty("actorId").GetString()));
        var future = Uri.EscapeDataString(factory.Clock.GetUtcNow().AddDays(1).ToString("O"));
        Assert.Equal(0, (await (await admin.GetAsync($"/api/admin/activity?from={future}")).Json()).GetArrayLength());

        var csv = await admin.GetAsync("/api/admin/activity.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("time,actor,kind,subject,target,details,target_name,subject_name,summary\r\n", text);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", text);
        Assert.DoesNotContain(",=HYPERLINK", text);
        Assert.Equal(JsonValueKind.Array, (await (await admin.GetAsync("/api/admin/activity/domains")).Json()).ValueKind);
    }
}

public sealed class FolderRestrictionTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task AD8_an_owner_restricts_links_to_one_folder_and_only_people_with_access_open_it()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "Board" })).Json()).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { folder } })).GetProperty("url").GetString()!);
        await factory.GrantAsync(folder, "user", await (await factory.ClientForAsync("mark@acme.test")).UserIdAsync(), TeamShare.Spaces.Contracts.AccessRole.Editor);

        var mark = await factory.ClientForAsync("mark@acme.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await mark.PatchAsJsonAsync($"/api/items/{folder}", new { linkRestricted = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/items/{folder}", new { linkRestricted = true })).StatusCode);

        async Task<HttpStatusCode> Open(HttpClient c) =>
            (await c.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/s/{token}") { Headers = { { "Accept", "application/json" } } })).StatusCode;
        Assert.Equal(HttpStatusCode.Forbidden, await Open(factory.Anonymous()));
        Assert.Equal(HttpStatusCode.Forbidden, await Open(await factory.ClientForAsync("eve@acme.test")));
        Assert.Equal(HttpStatusCode.OK, await Open(mark));
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/items/{folder}", new { linkRestricted = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Open(factory.Anonymous()));
    }

    [Fact]
    public async Task AD8_a_restricted_folder_is_not_reached_through_a_link_to_its_parent()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var parent = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "Projects" })).Json()).Id();
        var board = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "Board", parentId = parent })).Json()).Id();
        var minutes = (await (await mia.Upload(space, "minutes.txt", new MemoryStream("secret"u8.ToArray()), board)).Json()).Id();
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/items/{board}", new { linkRestricted = true })).StatusCode);
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { parent }, allowUpload = true })).GetProperty("url").GetString()!);
        var mark = await factory.ClientForAsync("mark@acme.test");
        await factory.GrantAsync(board, "user", await mark.UserIdAsync(), TeamShare.Spaces.Contracts.AccessRole.Viewer);

        static Task<HttpResponseMessage> Get(HttpClient c, string url) =>
            c.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Accept", "application/json" } } });
        foreach (var outsider in new[] { factory.Anonymous(), await factory.ClientForAsync("eve@acme.test") })
        {
            var listing = await (await Get(outsider, $"/s/{token}?folder={parent}")).Json();
            Assert.DoesNotContain(listing.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "Board");
            Assert.Equal(HttpStatusCode.NotFound, (await Get(outsider, $"/s/{token}?folder={board}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Get(outsider, $"/s/{token}/items/{minutes}/download")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Get(outsider, $"/s/{token}/items/{minutes}/preview")).StatusCode);
            var upload = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", "planted.txt" } };
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/s/{token}/upload?folderId={board}", upload)).StatusCode);
        }

        // A member with access of their own to the restricted folder reaches it through the parent's link.
        var marks = await (await Get(mark, $"/s/{token}?folder={board}")).Json();
        Assert.Contains(marks.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "minutes.txt");
        Assert.Equal(HttpStatusCode.OK, (await Get(mark, $"/s/{token}/items/{minutes}/download")).StatusCode);
        Assert.Contains((await (await Get(mark, $"/s/{token}?folder={parent}")).Json()).GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "Board");
    }
}
