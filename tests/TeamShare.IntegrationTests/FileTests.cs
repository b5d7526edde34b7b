using System.Net;
using System.Net.Http.Json;
using TeamShare.Spaces.Contracts;

namespace TeamShare.IntegrationTests;

/// <summary>SP-4 preview, SP-5 versions, SP-6 purge, SP-7 move/rename/copy, SH-10 shared with me.</summary>
public sealed class FileTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private async Task<(HttpClient Mia, string Space)> MiaAsync()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        return (mia, (await mia.PersonalSpace()).Id());
    }

    private static async Task<string> FolderAsync(HttpClient client, string space, string name, string? parent = null) =>
        (await (await client.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name, parentId = parent })).Json()).Id();

    [Fact]
    public async Task SP5_saving_makes_a_new_version_and_an_old_one_can_be_restored()
    {
        var (mia, space) = await MiaAsync();
        var file = (await mia.UploadOk(space, "notes.md", "# One"u8.ToArray())).Id();
        var put = await mia.PutAsync($"/api/items/{file}/content", new StringContent("# Two"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("# Two", await mia.GetStringAsync($"/api/items/{file}/content"));

        var versions = await (await mia.GetAsync($"/api/items/{file}/versions")).Json();
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await mia.PostAsync($"/api/items/{file}/versions/1/restore", null)).StatusCode);
        Assert.Equal("# One", await mia.GetStringAsync($"/api/items/{file}/content"));
        Assert.Equal(3, (await (await mia.GetAsync($"/api/items/{file}/versions")).Json()).GetArrayLength());
    }

    [Fact]
    public async Task Issue12_each_version_says_who_saved_it()
    {
        var (mia, space) = await MiaAsync();
        var file = (await mia.UploadOk(space, $"shared-notes-{Guid.NewGuid():N}.md", "# Mia"u8.ToArray())).Id();
        var mark = await factory.ClientForAsync("mark@acme.test");
        await factory.GrantAsync(file, "user", await mark.UserIdAsync(), AccessRole.Editor);
        Assert.Equal(HttpStatusCode.OK, (await mark.PutAsync($"/api/items/{file}/content", new StringContent("# Mark"))).StatusCode);

        var versions = (await (await mia.GetAsync($"/api/items/{file}/versions")).Json()).EnumerateArray()
            .Select(v => (v.GetProperty("number").GetInt32(), v.GetProperty("savedBy").GetString())).ToList();
        Assert.Equal(2, versions[0].Item1);
        Assert.StartsWith("Mark", versions[0].Item2);
        Assert.StartsWith("Mia", versions[1].Item2);
        var page = await (await Browsers.SignedInAsync(factory, "mia@acme.test")).GetStringAsync($"/items/{file}");
        Assert.Contains(">By</th>", page);
        Assert.Contains($"<td>{versions[0].Item2}</td>", page);
    }

    [Fact]
    public async Task SP5_a_viewer_cannot_save_a_new_version()
    {
        var (mia, space) = await MiaAsync();
        var file = (await mia.UploadOk(space, "readonly.txt", "keep"u8.ToArray())).Id();
        await factory.GrantAsync(file, "organisation", null, AccessRole.Viewer);
        var eve = await factory.ClientForAsync("eve@acme.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.PutAsync($"/api/items/{file}/content", new StringContent("changed"))).StatusCode);
        Assert.Equal("keep", await mia.GetStringAsync($"/api/items/{file}/content"));
    }

    [Fact]
    public async Task SP4_markdown_previews_as_sandboxed_html_with_raw_html_escaped()
    {
        var (mia, space) = await MiaAsync();
        var file = (await mia.UploadOk(space, "readme.md", "# Title\n\n<script>alert(1)</script>"u8.ToArray())).Id();
        var preview = await mia.GetAsync($"/api/items/{file}/preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("text/html", preview.Content.Headers.ContentType?.MediaType);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("<h1", html);
        Assert.DoesNotContain("<script>", html);
        Assert.StartsWith("sandbox", preview.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", preview.Headers.GetValues("X-Content-Type-Options").Single());

        var text = (await mia.UploadOk(space, "plain.txt", "<b>hi</b>"u8.ToArray())).Id();
        var plain = await mia.GetAsync($"/api/items/{text}/preview");
        Assert.Equal("text/plain", plain.Content.Headers.ContentType?.MediaType);

        var binary = (await mia.UploadOk(space, "tool.exe", [0x4d, 0x5a])).Id();
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await mia.GetAsync($"/api/items/{binary}/preview")).StatusCode);
    }

    [Fact]
    public async Task SP7_rename_and_move_keep_the_subtree_and_its_access()
    {
        var (mia, space) = await MiaAsync();
        var shared = await FolderAsync(mia, space, $"shared-{Guid.NewGuid():N}");
        var project = await FolderAsync(mia, space, $"project-{Guid.NewGuid():N}");
        var inner = await FolderAsync(mia, space, "inner", project);
        var file = (await (await mia.Upload(space, "plan.txt", new MemoryStream("plan"u8.ToArray()), inner)).Json()).Id();
        await factory.GrantAsync(shared, "organisation", null, AccessRole.Viewer);
        var eve = await factory.ClientForAsync("eve@acme.test");
        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync($"/api/items/{file}")).StatusCode);

        var moved = await mia.PatchAsJsonAsync($"/api/items/{project}", new { parentId = shared, name = "Project X" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("Project X", (await moved.Json()).GetProperty("name").GetString());
        Assert.Equal("viewer", (await (await eve.GetAsync($"/api/items/{file}")).Json()).GetProperty("role").GetString());

        var intoItself = await mia.PatchAsJsonAsync($"/api/items/{project}", new { parentId = inner });
        Assert.Equal(HttpStatusCode.BadRequest, intoItself.StatusCode);
        var viewerMove = await eve.PatchAsJsonAsync($"/api/items/{file}", new { name = "mine.txt" });
        Assert.Equal(HttpStatusCode.Forbidden, viewerMove.StatusCode);
    }

    [Fact]
    public async Task SP7_copy_needs_editor_and_copies_the_whole_subtree()
    {
        var (mia, space) = await MiaAsync();
        var folder = await FolderAsync(mia, space, $"copy-me-{Guid.NewGuid():N}");
        var inner = await FolderAsync(mia, space, "inner", folder);
        await mia.Upload(space, "a.txt", new MemoryStream("a"u8.ToArray()), inner);
        var copy = await mia.PostAsJsonAsync($"/api/items/{folder}/copy", new { parentId = (string?)null });
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        var copied = await copy.Json();
        Assert.EndsWith("(1)", copied.GetProperty("name").GetString());
        var innerCopy = (await (await mia.GetAsync($"/api/spaces/{space}/items?parentId={copied.Id()}")).Json())[0];
        var fileCopy = (await (await mia.GetAsync($"/api/spaces/{space}/items?parentId={innerCopy.Id()}")).Json())[0];
        Assert.Equal("a", await mia.GetStringAsync($"/api/items/{fileCopy.Id()}/content"));

        await factory.GrantAsync(folder, "organisation", null, AccessRole.Viewer);
        var eve = await factory.ClientForAsync("eve@acme.test");
        var eveSpace = (await eve.PersonalSpace()).GetProperty("rootFolderId").GetString();
        var viewerCopy = await eve.PostAsJsonAsync($"/api/items/{folder}/copy", new { parentId = eveSpace });
        Assert.Equal(HttpStatusCode.Forbidden, viewerCopy.StatusCode);
    }

    [Fact]
    public async Task SP6_whoever_deleted_an_item_of_someone_else_finds_it_in_their_trash_and_may_restore_it_but_not_purge_it()
    {
        // Mia and Mark are both Editors of Acme Shared (Engineering); Mia's file there is deleted by Mark.
        var mia = await factory.ClientForAsync("mia@acme.test");
        var spaces = await (await mia.GetAsync("/api/spaces")).Json();
        var teamSpace = spaces.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Acme Shared").Id();
        var file = (await mia.UploadOk(teamSpace, $"team-plan-{Guid.NewGuid():N}.txt", "plan"u8.ToArray())).Id();
        var mark = await factory.ClientForAsync("mark@acme.test");
        var eve = await factory.ClientForAsync("eve@acme.test");

        Assert.Equal(HttpStatusCode.NoContent, (await mark.DeleteAsync($"/api/items/{file}")).StatusCode);
        var marksTrash = await (await mark.GetAsync("/api/trash")).Json();
        Assert.Equal("editor", marksTrash.EnumerateArray().Single(i => i.Id() == file).GetProperty("role").GetString());
        Assert.Contains(file, await mia.GetStringAsync("/api/trash"));
        Assert.DoesNotContain(file, await eve.GetStringAsync("/api/trash"));
        Assert.Equal(HttpStatusCode.NotFound, (await eve.PostAsync($"/api/items/{file}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mark.DeleteAsync($"/api/trash/{file}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await mark.PostAsync($"/api/items/{file}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync($"/api/items/{file}")).StatusCode);
        Assert.DoesNotContain(file, await mark.GetStringAsync("/api/trash"));
    }

    [Fact]
    public async Task SP6_purging_by_hand_removes_the_item_for_good()
    {
        var (mia, space) = await MiaAsync();
        var file = (await mia.UploadOk(space, "purge-me.txt", "bye"u8.ToArray())).Id();
        await mia.DeleteAsync($"/api/items/{file}");
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/trash/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mia.GetAsync($"/api/items/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mia.PostAsync($"/api/items/{file}/restore", null)).StatusCode);
        Assert.DoesNotContain("purge-me", await mia.GetStringAsync("/api/trash"));
    }

    [Fact]
    public async Task SH10_shared_with_me_lists_direct_department_and_organisation_shares()
    {
        var (mia, space) = await MiaAsync();
        var forEngineering = await FolderAsync(mia, space, $"for-engineering-{Guid.NewGuid():N}");
        await factory.GrantAsync(forEngineering, "department", await EngineeringAsync(), AccessRole.Editor);

        var mark = await factory.ClientForAsync("mark@acme.test");
        var eve = await factory.ClientForAsync("eve@acme.test");
        var markList = await (await mark.GetAsync("/api/shared-with-me")).Json();
        var entry = markList.EnumerateArray().Single(e => e.GetProperty("item").Id() == forEngineering);
        Assert.Equal("editor", entry.GetProperty("role").GetString());
        Assert.Equal("Mia Member", entry.GetProperty("sharedBy").GetString());
        Assert.DoesNotContain(forEngineering, await eve.GetStringAsync("/api/shared-with-me"));
        Assert.DoesNotContain(forEngineering, await mia.GetStringAsync("/api/shared-with-me"));
    }

    private async Task<Guid> EngineeringAsync()
    {
        var admin = await factory.ClientForAsync("adam@acme.test");
        var departments = await (await admin.GetAsync("/api/admin/departments")).Json();
        return Guid.Parse(departments.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Engineering").Id());
    }

    [Fact]
    public async Task Issue28_after_a_new_version_the_preview_is_the_new_one_not_what_the_browser_kept()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var file = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "notes.txt", "first words"u8.ToArray())).Id();
        var first = await mia.GetAsync($"/api/items/{file}/preview");
        Assert.Equal("first words", await first.Content.ReadAsStringAsync());
        // Asked before reuse: without it, Last-Modified let the browser show the old text for hours after a save.
        Assert.True(first.Headers.CacheControl is { NoCache: true, Private: true }, $"Cache-Control: {first.Headers.CacheControl}");

        Assert.Equal(HttpStatusCode.OK, (await mia.PutAsync($"/api/items/{file}/content", new StringContent("second words"))).StatusCode);
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/items/{file}/preview");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var revalidated = await mia.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
        Assert.Equal("second words", await revalidated.Content.ReadAsStringAsync());

        // Unchanged, the browser's copy is confirmed for the price of a 304.
        using var same = new HttpRequestMessage(HttpMethod.Get, $"/api/items/{file}/preview");
        same.Headers.IfNoneMatch.Add(revalidated.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await mia.SendAsync(same)).StatusCode);
    }
}

public sealed class SmallUploadFactory : TeamShareFactory
{
    protected override long MaxUploadBytes => 1024;
}

public sealed class UploadLimitTests(SmallUploadFactory factory) : IClassFixture<SmallUploadFactory>
{
    [Fact]
    public async Task SP2_an_upload_over_the_configured_limit_is_413_and_leaves_nothing_behind()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var response = await mia.Upload(space, "too-big.bin", new MemoryStream(new byte[5000]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("too_large", (await response.Json()).GetProperty("reason").GetString());
        Assert.DoesNotContain("too-big", await mia.GetStringAsync($"/api/spaces/{space}/items"));
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.DataDirectory, "blobs", "tmp")));

        Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, "small.bin", new MemoryStream(new byte[1000]))).StatusCode);
    }

    [Fact]
    public async Task Issue12_an_oversized_drop_box_upload_is_refused_up_front_in_words_an_outsider_reads()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"drop-{Guid.NewGuid():N}" })).Json()).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { folder }, allowPreview = false, allowUpload = true })).GetProperty("url").GetString()!);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[200_000]), "file", "huge.bin" } };
        var response = await factory.Anonymous().PostAsync($"/s/{token}/upload", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Json();
        Assert.Equal("File too large", problem.GetProperty("title").GetString());
        Assert.Equal("Files can be at most 1,024 bytes.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("huge", await mia.GetStringAsync($"/api/spaces/{space}/items?parentId={folder}"));
    }
}
