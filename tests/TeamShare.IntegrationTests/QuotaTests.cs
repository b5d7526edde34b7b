using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 27: a team's storage quota, set by admins, holds on every way bytes come in (upload, new version, WebDAV, a drop
/// box), and the console says what each space takes; a drop box takes at most what its sharer (within the team's limit) allows.
/// </summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task Issue27_a_team_quota_refuses_uploads_versions_WebDAV_and_drop_boxes_once_full_and_the_trash_purge_gives_room_back()
    {
        using var host = new TeamShareFactory();
        var olivia = await host.ClientForAsync("olivia@acme.test");
        var mia = await host.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        Assert.Equal(HttpStatusCode.Forbidden, (await mia.GetAsync("/api/admin/storage")).StatusCode);
        var before = await (await olivia.GetAsync("/api/admin/storage")).Json();
        Assert.Equal(JsonValueKind.Null, before.GetProperty("quotaBytes").ValueKind);
        var used = before.GetProperty("usedBytes").GetInt64();

        var negative = await olivia.PutAsJsonAsync("/api/admin/storage", new { quotaBytes = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.True((await negative.Json()).GetProperty("errors").TryGetProperty("quotaBytes", out _));
        var set = await (await olivia.PutAsJsonAsync("/api/admin/storage", new { quotaBytes = used + 10_000 })).Json();
        Assert.Equal(used + 10_000, set.GetProperty("quotaBytes").GetInt64());

        var fits = (await mia.UploadOk(space, "fits.bin", new byte[8_000])).Id();
        var tooMuch = await mia.Upload(space, "too-much.bin", new MemoryStream(new byte[5_000]));
        Assert.Equal(HttpStatusCode.InsufficientStorage, tooMuch.StatusCode);
        Assert.Equal("quota_exceeded", (await tooMuch.Json()).GetProperty("reason").GetString());
        Assert.DoesNotContain("too-much.bin", await mia.GetStringAsync($"/api/spaces/{space}/items"));

        var version = await mia.PutAsync($"/api/items/{fits}/content", new ByteArrayContent(new byte[5_000]));
        Assert.Equal(HttpStatusCode.InsufficientStorage, version.StatusCode);
        var dav = host.Client(cookies: false);
        dav.DefaultRequestHeaders.Authorization = mia.DefaultRequestHeaders.Authorization;
        var put = await dav.PutAsync($"/dav/spaces/{space}/by-dav.bin", new ByteArrayContent(new byte[5_000]));
        Assert.Equal(HttpStatusCode.InsufficientStorage, put.StatusCode);
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "drop" })).Json()).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { folder }, allowPreview = false, allowUpload = true })).GetProperty("url").GetString()!);
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[5_000]), "file", "dropped.bin" } })
        {
            var dropped = await host.Anonymous().PostAsync($"/s/{token}/upload", form);
            Assert.Equal(HttpStatusCode.InsufficientStorage, dropped.StatusCode);
            Assert.Equal("quota_exceeded", (await dropped.Json()).GetProperty("reason").GetString());
        }

        // The console's numbers: the team's total and Mia's personal space with her file in it.
        var storage = await (await olivia.GetAsync("/api/admin/storage")).Json();
        Assert.Equal(used + 8_000, storage.GetProperty("usedBytes").GetInt64());
        var mine = storage.GetProperty("spaces").EnumerateArray().Single(s => s.GetProperty("id").GetString() == space);
        Assert.Equal(8_000, mine.GetProperty("usedBytes").GetInt64() - (before.GetProperty("spaces").EnumerateArray()
            .SingleOrDefault(s => s.GetProperty("id").GetString() == space) is { ValueKind: JsonValueKind.Object } was ? was.GetProperty("usedBytes").GetInt64() : 0));
        var page = await (await AdminPageAsync(host)).Content.ReadAsStringAsync();
        Assert.Contains("Mia", page);
        Assert.Contains("7.8 KB", page);

        // The trash still counts; purged, the room comes back.
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{fits}")).StatusCode);
        Assert.Equal(HttpStatusCode.InsufficientStorage, (await mia.Upload(space, "again.bin", new MemoryStream(new byte[5_000]))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/trash/{fits}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, "again.bin", new MemoryStream(new byte[5_000]))).StatusCode);

        // Null lifts the quota.
        await olivia.PutAsJsonAsync("/api/admin/storage", new { quotaBytes = (long?)null });
        Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, "big.bin", new MemoryStream(new byte[50_000]))).StatusCode);
    }

    [Fact]
    public async Task Issue27_a_drop_box_takes_at_most_its_limit_in_all_which_defaults_to_and_never_exceeds_the_teams()
    {
        using var host = new TeamShareFactory();
        var olivia = await host.ClientForAsync("olivia@acme.test");
        var mia = await host.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var settings = await (await olivia.GetAsync("/api/admin/links")).Json();
        Assert.Equal(1L << 30, settings.GetProperty("dropBoxLimitBytes").GetInt64());
        var saved = await olivia.PutAsJsonAsync("/api/admin/links", new { dailyCap = 500, dropBoxLimitBytes = 1L << 20 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "inbox" })).Json()).Id();
        var above = await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { folder }, allowUpload = true, uploadLimitBytes = 2L << 20 });
        Assert.Equal(HttpStatusCode.BadRequest, above.StatusCode);
        Assert.True((await above.Json()).GetProperty("errors").TryGetProperty("uploadLimitBytes", out _));

        var own = await mia.ShareOk(new { itemIds = new[] { folder }, allowPreview = false, allowUpload = true, uploadLimitBytes = 300_000 });
        var ownToken = Api.TokenOf(own.GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.Created, (await DropAsync(host, ownToken, "one.bin", 200_000)).StatusCode);
        var full = await DropAsync(host, ownToken, "two.bin", 200_000);
        Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
        Assert.Equal("link_quota_reached", (await full.Json()).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Created, (await DropAsync(host, ownToken, "small.bin", 90_000)).StatusCode);
        var listed = await (await mia.GetAsync($"/api/shares/{own.Id()}")).Json();
        Assert.Equal(290_000, listed.GetProperty("uploadedBytes").GetInt64());
        Assert.Equal(2, listed.GetProperty("uploadCount").GetInt32());

        // Without a limit of its own, the team's applies: 1 MB here.
        var teams = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { folder }, allowPreview = false, allowUpload = true })).GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.Created, (await DropAsync(host, teams, "a.bin", 700_000)).StatusCode);
        Assert.Equal(HttpStatusCode.InsufficientStorage, (await DropAsync(host, teams, "b.bin", 700_000)).StatusCode);
        var names = await mia.GetStringAsync($"/api/spaces/{space}/items?parentId={folder}");
        Assert.DoesNotContain("two.bin", names);
        Assert.DoesNotContain("b.bin", names);
    }

    private static async Task<HttpResponseMessage> DropAsync(TeamShareFactory host, string token, string name, int size)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[size]), "file", name } };
        return await host.Anonymous().PostAsync($"/s/{token}/upload", form);
    }

    private static async Task<HttpResponseMessage> AdminPageAsync(TeamShareFactory host)
    {
        var browser = await Browsers.SignedInAsync(host, "olivia@acme.test");
        return await browser.GetAsync("/admin/storage");
    }
}
