using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 28: a folder, a selection and a link's items download as one ZIP, streamed, for members and for recipients, under the
/// same rules as one file: only what the caller may open, refused where a link does not allow downloading, counted once.
/// </summary>
public sealed class ArchiveTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private static async Task<Dictionary<string, byte[]?>> EntriesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        await using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]?>();
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/')) { entries[entry.FullName] = null; continue; }
            await using var body = entry.Open();
            var copy = new MemoryStream();
            await body.CopyToAsync(copy);
            entries[entry.FullName] = copy.ToArray();
        }
        return entries;
    }

    private static async Task<string> FolderAsync(HttpClient client, string space, string name, string? parentId = null) =>
        (await (await client.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name, parentId })).Json()).Id();

    /// <summary>A folder "name" holding a.bin, b.txt and sub/c.bin, and a trashed file; the bytes of each by its path in a ZIP.</summary>
    private static async Task<(string Folder, Dictionary<string, byte[]?> Expected)> TreeAsync(HttpClient mia, string space, string name)
    {
        var folder = await FolderAsync(mia, space, name);
        var sub = await FolderAsync(mia, space, "sub", folder);
        byte[] a = RandomNumberGenerator.GetBytes(70_000), b = "plain text, twice: plain text"u8.ToArray(), c = RandomNumberGenerator.GetBytes(1_000);
        await mia.UploadOk(space, "a.bin", a, folder);
        await mia.UploadOk(space, "b.txt", b, folder);
        await mia.UploadOk(space, "c.bin", c, sub);
        var gone = (await mia.UploadOk(space, "gone.txt", "trashed"u8.ToArray(), folder)).Id();
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{gone}")).StatusCode);
        return (folder, new Dictionary<string, byte[]?>
        {
            [$"{name}/"] = null, [$"{name}/a.bin"] = a, [$"{name}/b.txt"] = b, [$"{name}/sub/"] = null, [$"{name}/sub/c.bin"] = c,
        });
    }

    [Fact]
    public async Task Issue28_a_folder_and_a_selection_download_as_zips_whose_entries_match_byte_for_byte_and_only_for_who_may_open_them()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var name = $"Plans {Guid.NewGuid():N}"[..14];
        var (folder, expected) = await TreeAsync(mia, space, name);

        var whole = await mia.GetAsync($"/api/items/{folder}/archive");
        Assert.Contains($"{name}.zip", whole.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(expected, await EntriesAsync(whole));

        // A selection: two files of the same name from two folders keep both, the second as "(2)".
        var other = await FolderAsync(mia, space, $"other {Guid.NewGuid():N}"[..12]);
        byte[] first = "first"u8.ToArray(), second = "second"u8.ToArray();
        var one = (await mia.UploadOk(space, "report.txt", first, folder)).Id();
        var two = (await mia.UploadOk(space, "report.txt", second, other)).Id();
        var selection = await mia.PostAsJsonAsync("/api/archive", new { itemIds = new[] { one, two } });
        Assert.Equal(new Dictionary<string, byte[]?> { ["report.txt"] = first, ["report (2).txt"] = second }, await EntriesAsync(selection));

        // Someone who may not open the folder learns nothing of it; a selection of nothing is refused naming the field.
        var mark = await factory.ClientForAsync("mark@acme.test");
        Assert.Equal(HttpStatusCode.NotFound, (await mark.GetAsync($"/api/items/{folder}/archive")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mark.PostAsJsonAsync("/api/archive", new { itemIds = new[] { one } })).StatusCode);
        var empty = await mia.PostAsJsonAsync("/api/archive", new { itemIds = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Json()).GetProperty("errors").TryGetProperty("itemIds", out _));
    }

    [Fact]
    public async Task Issue28_LK2_a_link_downloads_what_it_shares_as_one_zip_counted_once_and_a_preview_only_link_refuses_it()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var name = $"Shared {Guid.NewGuid():N}"[..15];
        var (folder, expected) = await TreeAsync(mia, space, name);
        var outside = (await mia.UploadOk(space, $"outside-{Guid.NewGuid():N}.txt", "not shared"u8.ToArray())).Id();
        var share = await mia.ShareOk(new { itemIds = new[] { folder }, previewLimit = 2 });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var visitor = factory.Anonymous();

        Assert.Equal(expected, await EntriesAsync(await visitor.GetAsync($"/s/{token}/archive")));
        Assert.Equal(1, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("previewCount").GetInt32());

        // An item the link does not share is not found (and not counted); a selection inside the link is one more ZIP.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/s/{token}/archive?itemIds={outside}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync($"/s/{token}/archive?itemIds=not-an-id")).StatusCode);
        var items = await (await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}")).Json();
        var b = items.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "b.txt").Id();
        Assert.Equal(new Dictionary<string, byte[]?> { ["b.txt"] = expected[$"{name}/b.txt"] }, await EntriesAsync(await visitor.GetAsync($"/s/{token}/archive?itemIds={b}")));
        // The limit of two is reached: a third ZIP is refused like a third file.
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync($"/s/{token}/archive")).StatusCode);

        var previewOnly = await mia.ShareOk(new { itemIds = new[] { folder }, allowDownload = false });
        var refused = await visitor.GetAsync($"/s/{Api.TokenOf(previewOnly.GetProperty("url").GetString()!)}/archive");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("download_not_allowed", (await refused.Json()).GetProperty("reason").GetString());
    }
}
