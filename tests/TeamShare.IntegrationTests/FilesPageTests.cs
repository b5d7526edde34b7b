using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TeamShare.Spaces.Contracts;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 12: what Dropbox and Drive users expect of a file list: sort, a link indicator, search, a preview on the
/// recipient page only where there is one.</summary>
public sealed class FilesPageTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private readonly TestClock _clock = factory.Clock.Restart();

    private static List<string> Names(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();

    private async Task<(HttpClient Mia, string Space, string Folder)> FolderAsync()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"f-{Guid.NewGuid():N}" })).Json()).Id();
        return (mia, space, folder);
    }

    [Fact]
    public async Task Issue12_a_folder_sorts_by_name_size_or_date_either_way_folders_first_and_its_pages_keep_that_order()
    {
        var (mia, space, folder) = await FolderAsync();
        Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "zz folder", parentId = folder })).StatusCode);
        foreach (var (name, size) in new[] { ("b.txt", 300), ("a.txt", 20), ("d.txt", 4000), ("c.txt", 20) })
        {
            Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, name, new MemoryStream(new byte[size]), folder)).StatusCode);
            _clock.Advance(TimeSpan.FromSeconds(1)); // distinct modification times
        }

        async Task<List<string>> Listed(string sort)
        {
            var all = new List<string>();
            var url = $"/api/spaces/{space}/items?parentId={folder}&sort={sort}&limit=2";
            while (url is not null)
            {
                var response = await mia.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                all.AddRange(Names(await response.Json()));
                url = response.Headers.TryGetValues("Link", out var links) ? Regex.Match(links.Single(), "<([^>]+)>; rel=\"next\"").Groups[1].Value : null;
            }
            return all;
        }

        Assert.Equal(["zz folder", "a.txt", "b.txt", "c.txt", "d.txt"], await Listed("name"));
        Assert.Equal(["zz folder", "d.txt", "c.txt", "b.txt", "a.txt"], await Listed("name-desc"));
        Assert.Equal(["zz folder", "a.txt", "c.txt", "b.txt", "d.txt"], await Listed("size"));
        Assert.Equal(["zz folder", "d.txt", "b.txt", "a.txt", "c.txt"], await Listed("size-desc"));
        Assert.Equal(["zz folder", "b.txt", "a.txt", "d.txt", "c.txt"], await Listed("modified"));
        Assert.Equal(["zz folder", "c.txt", "d.txt", "a.txt", "b.txt"], await Listed("modified-desc"));

        var bad = await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}&sort=colour");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Json()).GetProperty("errors").TryGetProperty("sort", out _));

        // The page: column headings sort, and say which order is on.
        var page = await (await Browsers.SignedInAsync(factory, "mia@acme.test")).GetStringAsync($"/files?space={space}&folder={folder}&sort=size-desc");
        Assert.Contains("aria-sort=\"descending\"", page);
        Assert.True(page.IndexOf("data-name=\"d.txt\"", StringComparison.Ordinal) < page.IndexOf("data-name=\"a.txt\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Issue12_items_named_by_a_live_link_are_marked_in_the_listing_until_the_link_is_canceled()
    {
        var (mia, space, folder) = await FolderAsync();
        var linked = (await mia.UploadOk(space, "linked.txt", "x"u8.ToArray()));
        var plain = (await mia.UploadOk(space, "plain.txt", "y"u8.ToArray()));
        foreach (var id in new[] { linked.Id(), plain.Id() })
            Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/items/{id}", new { parentId = folder })).StatusCode);
        var share = await mia.ShareOk(new { itemIds = new[] { linked.Id() } });

        async Task<Dictionary<string, bool>> Marks() => (await (await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}")).Json())
            .EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("hasLink").GetBoolean());

        Assert.Equal(new Dictionary<string, bool> { ["linked.txt"] = true, ["plain.txt"] = false }, await Marks());
        var html = await (await Browsers.SignedInAsync(factory, "mia@acme.test")).GetStringAsync($"/files?space={space}&folder={folder}");
        Assert.Single(Regex.Matches(html, "data-link-badge"));
        Assert.Contains("has a link", html);

        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{share.Id()}")).StatusCode);
        Assert.Equal(new Dictionary<string, bool> { ["linked.txt"] = false, ["plain.txt"] = false }, await Marks());
    }

    [Fact]
    public async Task Issue12_SP8_search_finds_names_in_own_spaces_and_shared_items_and_nothing_the_searcher_may_not_open()
    {
        var (mia, space, folder) = await FolderAsync();
        var word = $"kumquat{Guid.NewGuid():N}"[..16];
        var mine = await mia.UploadOk(space, $"{word} plan.txt", "x"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/items/{mine.Id()}", new { parentId = folder })).StatusCode);
        var shared = await mia.UploadOk(space, $"{word.ToUpperInvariant()} shared.txt", "y"u8.ToArray());
        var eve = await factory.ClientForAsync("eve@acme.test");
        await factory.GrantAsync(shared.Id(), "user", await eve.UserIdAsync(), AccessRole.Viewer);

        var hits = await (await mia.GetAsync($"/api/search?q={word}")).Json();
        Assert.Equal(2, hits.GetArrayLength());
        Assert.Contains(hits.EnumerateArray(), h => h.GetProperty("item").GetProperty("name").GetString() == $"{word} plan.txt"
                                                    && h.GetProperty("folder").GetString()!.StartsWith("f-"));

        // Eve sees the one file shared with her, without the name of the folder she may not open; nothing of Mia's folder.
        var eveHits = await (await eve.GetAsync($"/api/search?q={word.ToUpperInvariant()}")).Json();
        var only = Assert.Single(eveHits.EnumerateArray());
        Assert.Equal(shared.Id(), only.GetProperty("item").Id());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("folder").ValueKind);
        var page = await (await Browsers.SignedInAsync(factory, "eve@acme.test")).GetStringAsync($"/search?q={word}");
        Assert.Contains("Shared with you", page);
        Assert.DoesNotContain("plan.txt", page);

        // Another team finds nothing; an empty search is a 400 naming q.
        var gary = await factory.ClientForAsync("gary@globex.test");
        Assert.Equal(0, (await (await gary.GetAsync($"/api/search?q={word}")).Json()).GetArrayLength());
        var empty = await mia.GetAsync("/api/search?q=%20");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Json()).GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task Issue12_a_recipient_is_offered_a_preview_only_for_files_that_have_one()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var text = await mia.UploadOk(space, $"notes-{Guid.NewGuid():N}.txt", "hello"u8.ToArray());
        var binary = await mia.UploadOk(space, $"data-{Guid.NewGuid():N}.bin", [1, 2, 3]);
        var share = await mia.ShareOk(new { itemIds = new[] { text.Id(), binary.Id() } });
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(share.GetProperty("url").GetString()!).PathAndQuery);
        request.Headers.Accept.ParseAdd("application/json");
        var view = await (await factory.Anonymous().SendAsync(request)).Json();
        var items = view.GetProperty("items").EnumerateArray().ToDictionary(i => i.Id());
        Assert.EndsWith("/preview", items[text.Id()].GetProperty("previewUrl").GetString());
        Assert.Equal(JsonValueKind.Null, items[binary.Id()].GetProperty("previewUrl").ValueKind);
        Assert.EndsWith("/download", items[binary.Id()].GetProperty("downloadUrl").GetString());
    }

    [Fact]
    public async Task Issue28_recent_lists_changed_files_a_member_may_open_and_stars_are_private_and_follow_access()
    {
        var (mia, space, folder) = await FolderAsync();
        var mark = await factory.ClientForAsync("mark@acme.test");
        var markSpace = (await mark.PersonalSpace()).Id();
        var older = (await mia.UploadOk(space, "recent-older.txt", "1"u8.ToArray(), folder)).Id();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var secret = (await mark.UploadOk(markSpace, "recent-marks-own.txt", "2"u8.ToArray())).Id();
        var shared = (await mark.UploadOk(markSpace, "recent-shared-by-mark.txt", "3"u8.ToArray())).Id();
        var invited = await (await mark.PostAsJsonAsync($"/api/items/{shared}/invitations", new
        {
            recipients = new object[] { new { kind = "user", id = await mia.UserIdAsync() } }, role = "viewer",
        })).Json();
        var grant = invited.GetProperty("grants")[0].GetProperty("grantId").GetString();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var newer = (await mia.UploadOk(space, "recent-newer.txt", "4"u8.ToArray(), folder)).Id();

        // Recent: newest change first, what Mia may open (Mark's shared file, placed as "shared with you"), not Mark's own.
        var recent = (await (await mia.GetAsync("/api/recent")).Json()).EnumerateArray().ToList();
        var ids = recent.Select(h => h.GetProperty("item").Id()).ToList();
        Assert.True(ids.IndexOf(newer) >= 0 && ids.IndexOf(newer) < ids.IndexOf(shared) && ids.IndexOf(shared) < ids.IndexOf(older), string.Join(",", ids));
        Assert.DoesNotContain(secret, ids);
        Assert.Equal(JsonValueKind.Null, recent[ids.IndexOf(shared)].GetProperty("folder").ValueKind);
        Assert.DoesNotContain(folder, ids);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{older}")).StatusCode);
        Assert.DoesNotContain(older, (await (await mia.GetAsync("/api/recent")).Json()).EnumerateArray().Select(h => h.GetProperty("item").Id()));

        // Stars: twice is once; only what she may open; only hers; shown in the folder list and on the pages.
        Assert.Equal(HttpStatusCode.NoContent, (await mia.PutAsync($"/api/items/{newer}/star", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.PutAsync($"/api/items/{newer}/star", null)).StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await mia.PutAsync($"/api/items/{shared}/star", null)).StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await mia.PutAsync($"/api/items/{folder}/star", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mia.PutAsync($"/api/items/{secret}/star", null)).StatusCode);
        var starred = (await (await mia.GetAsync("/api/starred")).Json()).EnumerateArray().Select(h => h.GetProperty("item")).ToList();
        Assert.Equal([folder, shared, newer], starred.Select(i => i.Id()));
        Assert.All(starred, i => Assert.True(i.GetProperty("starred").GetBoolean()));
        Assert.Equal(0, (await (await mark.GetAsync("/api/starred")).Json()).GetArrayLength());
        var listed = (await (await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}")).Json()).EnumerateArray().ToList();
        Assert.True(listed.Single(i => i.Id() == newer).GetProperty("starred").GetBoolean());

        var browser = await Browsers.SignedInAsync(factory, "mia@acme.test");
        var starredPage = await browser.GetStringAsync("/starred");
        Assert.Contains("recent-shared-by-mark.txt", starredPage);
        Assert.Contains("Remove recent-newer.txt from Starred", starredPage);
        Assert.Contains("recent-newer.txt", await browser.GetStringAsync("/recent"));
        Assert.Contains("Remove from Starred", await browser.GetStringAsync($"/files?space={space}&folder={folder}"));

        // Access taken back: the star stays hers but shows nothing; unstarring always works; the trash hides a star too.
        Assert.Equal(HttpStatusCode.NoContent, (await mark.DeleteAsync($"/api/items/{shared}/access/{grant}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{folder}/star")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{newer}")).StatusCode);
        Assert.Equal(0, (await (await mia.GetAsync("/api/starred")).Json()).GetArrayLength());
        Assert.Contains("Nothing is starred yet.", await browser.GetStringAsync("/starred"));
    }
}
