using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Data;
using TeamShare.Links.Jobs;

namespace TeamShare.IntegrationTests;

/// <summary>Link options and the refusals a recipient sees (LK-2, LK-7, SP-6, JB-1).</summary>
public sealed class LinkRuleTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private readonly TestClock _clock = factory.Clock.Restart();

    private async Task<(HttpClient Mia, string ItemId)> FileAsync(string name)
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = await mia.UploadOk((await mia.PersonalSpace()).Id(), name, "content"u8.ToArray());
        return (mia, item.Id());
    }

    private static async Task<(HttpStatusCode Status, string? Reason)> OpenAsJson(HttpClient client, string token)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/s/{token}") { Headers = { { "Accept", "application/json" } } });
        var body = await response.Json();
        return (response.StatusCode, body.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    }

    public static TheoryData<string, string> BadOptions => new()
    {
        { """{"itemIds":[]}""", "itemIds" },
        { """{"itemIds":["ITEM"],"previewLimit":0}""", "previewLimit" },
        { """{"itemIds":["ITEM"],"previewLimit":10000}""", "previewLimit" },
        { """{"itemIds":["ITEM"],"expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt" },
        { """{"itemIds":["ITEM"],"allowPreview":false,"allowDownload":false}""", "allowPreview" },
        { """{"itemIds":["ITEM"],"name":""}""", "name" },
        { """{"itemIds":["3f2504e0-4f89-11d3-9a0c-0305e82c3301"]}""", "itemIds" },
        { """{"itemIds":["ITEM"],"audience":"everyone"}""", "audience" },
        { """{"itemIds":["ITEM"],"audience":"anyone","teamOnly":true}""", "teamOnly" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task LK2_bad_options_are_refused_with_a_problem_naming_the_field(string body, string field)
    {
        var (mia, itemId) = await FileAsync($"opts-{Guid.NewGuid():N}.txt");
        var content = new StringContent(body.Replace("ITEM", itemId), System.Text.Encoding.UTF8, "application/json");
        var response = await mia.PostAsync("/api/shares", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Fact]
    public async Task LK7_an_expired_link_is_refused_at_the_expiry_instant_without_any_job_running()
    {
        var (mia, itemId) = await FileAsync("expiring.txt");
        var share = await mia.ShareOk(new { itemIds = new[] { itemId }, expiresAt = _clock.GetUtcNow().AddHours(1) });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var visitor = factory.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await OpenAsJson(visitor, token)).Status);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal((HttpStatusCode.Gone, "expired"), await OpenAsJson(visitor, token));
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync($"/s/{token}/items/{itemId}/download")).StatusCode);
        var page = await (await visitor.GetAsync($"/s/{token}")).Content.ReadAsStringAsync();
        Assert.Contains("This link has expired", page);
        Assert.DoesNotContain("expiring.txt", page);
    }

    [Fact]
    public async Task JB1_the_expiry_sweep_marks_expired_links_once_and_a_second_run_changes_nothing()
    {
        var (mia, itemId) = await FileAsync("sweep.txt");
        var share = await mia.ShareOk(new { itemIds = new[] { itemId }, expiresAt = _clock.GetUtcNow().AddMinutes(5) });
        _clock.Advance(TimeSpan.FromMinutes(10));

        async Task<DateTime?> SweepAndRead()
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<LinkExpirySweep>().RunAsync(CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<LinksDbContext>();
            return (await db.Links.AsNoTracking().SingleAsync(s => s.Id == Guid.Parse(share.Id()))).ExpiryProcessedAt;
        }

        var first = await SweepAndRead();
        Assert.NotNull(first);
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(first, await SweepAndRead());
    }

    [Fact]
    public async Task SP6_a_link_to_a_trashed_item_says_deleted_and_restoring_brings_it_back()
    {
        var (mia, itemId) = await FileAsync("trashed.txt");
        var share = await mia.ShareOk(new { itemIds = new[] { itemId } });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var visitor = factory.Anonymous();

        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{itemId}")).StatusCode);
        Assert.Equal((HttpStatusCode.Gone, "deleted"), await OpenAsJson(visitor, token));
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync($"/s/{token}/items/{itemId}/download")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await mia.PostAsync($"/api/items/{itemId}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsJson(visitor, token)).Status);
    }

    [Fact]
    public async Task LK2_preview_limit_is_never_exceeded_under_concurrent_downloads()
    {
        var (mia, itemId) = await FileAsync("limited.txt");
        var share = await mia.ShareOk(new { itemIds = new[] { itemId }, previewLimit = 10 });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var visitor = factory.Anonymous();

        var results = await Task.WhenAll(Enumerable.Range(0, 60)
            .Select(_ => visitor.GetAsync($"/s/{token}/items/{itemId}/download")));
        Assert.Equal(10, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Gone, r.StatusCode));
        Assert.Equal((HttpStatusCode.Gone, "preview_limit_reached"), await OpenAsJson(visitor, token));

        var view = await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json();
        Assert.Equal(10, view.GetProperty("previewCount").GetInt32());
        Assert.Equal("limit_reached", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task LK2_a_team_only_link_asks_outsiders_to_sign_in_and_opens_for_members()
    {
        var (mia, itemId) = await FileAsync("team-only.txt");
        var share = await mia.ShareOk(new { itemIds = new[] { itemId }, teamOnly = true });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);

        Assert.Equal((HttpStatusCode.Unauthorized, "sign_in_required"), await OpenAsJson(factory.Anonymous(), token));
        Assert.Equal((HttpStatusCode.Unauthorized, "sign_in_required"), await OpenAsJson(await factory.ClientForAsync("gary@globex.test"), token));
        Assert.Equal(HttpStatusCode.OK, (await OpenAsJson(await factory.ClientForAsync("eve@acme.test"), token)).Status);
    }

    [Fact]
    public async Task Issue12_a_link_to_one_folder_opens_on_what_is_in_it()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"Photos {Guid.NewGuid():N}" })).Json()).Id();
        Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, "beach.jpg", new MemoryStream(new byte[10]), folder)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, "hills.jpg", new MemoryStream(new byte[10]), folder)).StatusCode);
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { folder } })).GetProperty("url").GetString()!);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{token}");
        request.Headers.Add("Accept", "application/json");
        var view = await (await factory.Anonymous().SendAsync(request)).Json();
        Assert.Equal(["beach.jpg", "hills.jpg"], view.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task Issue12_a_department_of_one_says_one_member()
    {
        var adam = await Browsers.SignedInAsync(factory, "adam@acme.test");
        var page = await adam.GetStringAsync("/admin/departments");
        Assert.Contains("Sales <small class=\"text-muted\">(1 member)</small>", page);
        Assert.DoesNotContain("(1 members)", page);
    }

    [Fact]
    public async Task Issue12_a_link_page_says_who_shared_it_and_shows_sizes_people_read()
    {
        var (mia, space) = (await factory.ClientForAsync("mia@acme.test"), "");
        space = (await mia.PersonalSpace()).Id();
        var item = (await mia.UploadOk(space, "sized.bin", new byte[1536])).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item } })).GetProperty("url").GetString()!);
        var page = await factory.Anonymous().GetStringAsync($"/s/{token}");
        Assert.Contains("Shared by <strong>Mia Member</strong> of <strong>Acme</strong>", page);
        Assert.Contains("(1.5 KB)", page);
    }

    [Fact]
    public async Task Issue12_a_team_only_link_page_offers_sign_in_to_outsiders_and_tells_another_teams_member_why()
    {
        var (mia, itemId) = await FileAsync("team-only-page.txt");
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { itemId }, teamOnly = true })).GetProperty("url").GetString()!);

        var anonymous = await (await factory.Anonymous().GetAsync($"/s/{token}")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/signin?ReturnUrl=%2Fs%2F{token}\"", anonymous);
        var gary = await (await Browsers.SignedInAsync(factory, "gary@globex.test")).GetAsync($"/s/{token}");
        var garyPage = await gary.Content.ReadAsStringAsync();
        Assert.Contains("you are signed in to another team", garyPage);
        Assert.DoesNotContain(">Sign in</a>", garyPage);
        Assert.DoesNotContain("team-only-page.txt", garyPage);
    }

    [Fact]
    public async Task AD4_an_invited_only_link_opens_only_for_members_who_already_have_access()
    {
        var (mia, itemId) = await FileAsync("invited-only.txt");
        var share = await mia.ShareOk(new { itemIds = new[] { itemId }, audience = "invited" });
        Assert.Equal("invited", share.GetProperty("audience").GetString());
        Assert.True(share.GetProperty("teamOnly").GetBoolean());
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);

        Assert.Equal((HttpStatusCode.Unauthorized, "sign_in_required"), await OpenAsJson(factory.Anonymous(), token));
        var mark = await factory.ClientForAsync("mark@acme.test");
        Assert.Equal((HttpStatusCode.Forbidden, "restricted"), await OpenAsJson(mark, token));
        Assert.Equal(HttpStatusCode.OK, (await OpenAsJson(mia, token)).Status);

        // Once Mark is given access, the same link opens for him; the link itself never granted anything.
        Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync($"/api/items/{itemId}/invitations",
            new { recipients = new[] { new { kind = "user", id = await mark.UserIdAsync() } }, role = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsJson(mark, token)).Status);

        // Modifying the audience takes effect on the next request.
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/shares/{share.Id()}", new { audience = "team" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsJson(await factory.ClientForAsync("eve@acme.test"), token)).Status);
    }

    [Fact]
    public async Task SH5_a_viewer_cannot_create_a_link_and_nobody_can_link_a_whole_space()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var spaces = await (await mia.GetAsync("/api/spaces")).Json();
        var root = spaces[0].GetProperty("rootFolderId").GetString();
        var response = await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { root } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        // Eve (Sales) has no role in Acme Shared: its items do not exist for her.
        var teamSpace = spaces.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Acme Shared");
        var items = await (await mia.GetAsync($"/api/spaces/{teamSpace.Id()}/items")).Json();
        var welcome = items.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Welcome.md");
        var eve = await factory.ClientForAsync("eve@acme.test");
        Assert.Equal(HttpStatusCode.BadRequest, (await eve.PostAsJsonAsync("/api/shares", new { itemIds = new[] { welcome.Id() } })).StatusCode);
        Assert.Equal("editor", welcome.GetProperty("role").GetString());
    }
}
