using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Spaces.Trash;

namespace TeamShare.IntegrationTests;

/// <summary>SP-1 spaces, SP-3 the content store, ID-4 departments, JB-3 the purge job.</summary>
public sealed class SpaceTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private readonly TestClock _clock = factory.Clock.Restart();

    [Fact]
    public async Task SP1_SH6_a_folder_listing_says_whom_each_item_is_shared_with()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var shared = (await mia.UploadOk(space, "listing-shared.txt", "x"u8.ToArray())).Id();
        var unshared = (await mia.UploadOk(space, "listing-private.txt", "y"u8.ToArray())).Id();
        var mark = await (await factory.ClientForAsync("mark@acme.test")).UserIdAsync();
        Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync($"/api/items/{shared}/invitations", new
        {
            recipients = new object[] { new { kind = "user", id = mark }, new { kind = "organisation" } }, role = "viewer",
        })).StatusCode);

        var items = (await (await mia.GetAsync($"/api/spaces/{space}/items")).Json()).EnumerateArray().ToDictionary(i => i.Id());
        Assert.Equal(["organisation", "user"], items[shared].GetProperty("sharedWith").EnumerateArray().Select(k => k.GetString()));
        Assert.Empty(items[unshared].GetProperty("sharedWith").EnumerateArray());

        var browser = await Browsers.SignedInAsync(factory, "mia@acme.test");
        var page = await browser.GetStringAsync($"/files?space={space}");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "aria-label=\"Shared with the whole organisation, people\""));
    }

    [Fact]
    public async Task SP1_every_member_has_a_personal_space_and_admins_open_team_spaces_to_departments()
    {
        var eve = await factory.ClientForAsync("eve@acme.test");
        var spaces = await (await eve.GetAsync("/api/spaces")).Json();
        Assert.Equal("personal", spaces[0].GetProperty("kind").GetString());
        Assert.DoesNotContain(spaces.EnumerateArray(), s => s.GetProperty("name").GetString() == "Acme Shared");

        var admin = await factory.ClientForAsync("adam@acme.test");
        var name = $"Sales Room {Guid.NewGuid():N}";
        var created = await (await admin.PostAsJsonAsync("/api/admin/spaces", new { name })).Json();
        var departments = await (await admin.GetAsync("/api/admin/departments")).Json();
        var sales = departments.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Sales").Id();
        var grant = await admin.PostAsJsonAsync($"/api/admin/spaces/{created.Id()}/access", new { kind = "department", id = sales, role = "editor" });
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);

        var now = await (await eve.GetAsync("/api/spaces")).Json();
        var room = now.EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        Assert.Equal("editor", room.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Created, (await eve.Upload(room.Id(), "pipeline.txt", new MemoryStream("x"u8.ToArray()))).StatusCode);
        var mark = await factory.ClientForAsync("mark@acme.test");
        Assert.Equal(HttpStatusCode.NotFound, (await mark.GetAsync($"/api/spaces/{room.Id()}/items")).StatusCode);

        var member = await factory.ClientForAsync("mia@acme.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/admin/spaces", new { name = "Mine" })).StatusCode);
        var badRole = await admin.PostAsJsonAsync($"/api/admin/spaces/{created.Id()}/access", new { kind = "department", id = sales, role = "owner" });
        Assert.True((await badRole.Json()).GetProperty("errors").TryGetProperty("role", out _));

        // Issue 28: who may use a team space is the console's business, not one of the admin's shares in My Shares (even
        // when the admin is among them).
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/admin/spaces/{created.Id()}/access", new { kind = "organisation", role = "viewer" })).StatusCode);
        var adminsShares = (await (await admin.GetAsync("/api/shares/people")).Json()).GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(adminsShares, s => s.GetProperty("itemId").GetString() == created.GetProperty("rootFolderId").GetString());
    }

    [Fact]
    public async Task SP3_content_is_stored_once_by_sha256_under_a_path_made_from_the_hash()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var bytes = RandomNumberGenerator.GetBytes(2048);
        await mia.UploadOk(space, "../../evil name.bin".Replace("../", "dots-"), bytes);
        await mia.UploadOk(space, "second copy.bin", bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(TestBlobs.PathOf(factory.DataDirectory, sha)));
        Assert.Single(TestBlobs.Stored(factory.DataDirectory), stored => stored == sha);
        Assert.Empty(Directory.GetFiles(TestBlobs.Root(factory.DataDirectory), "*name*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ID4_departments_are_created_listed_and_deleted_by_admins()
    {
        var admin = await factory.ClientForAsync("adam@acme.test");
        var name = $"Legal {Guid.NewGuid():N}";
        var created = await admin.PostAsJsonAsync("/api/admin/departments", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/admin/departments", new { name })).StatusCode);
        var id = (await created.Json()).Id();
        var mia = await (await factory.ClientForAsync("mia@acme.test")).UserIdAsync();
        await admin.PutAsync($"/api/admin/departments/{id}/members/{mia}", null);
        var listed = (await (await admin.GetAsync("/api/admin/departments")).Json()).EnumerateArray().Single(d => d.Id() == id);
        Assert.Equal(1, listed.GetProperty("memberCount").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/departments/{id}")).StatusCode);
        Assert.DoesNotContain(name, await admin.GetStringAsync("/api/admin/departments"));
    }

    [Fact]
    public async Task JB3_the_purge_job_deletes_what_has_been_in_the_trash_for_30_days_and_nothing_newer()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var old = (await mia.UploadOk(space, "old-trash.txt", "old"u8.ToArray())).Id();
        await mia.DeleteAsync($"/api/items/{old}");
        _clock.Advance(TimeSpan.FromDays(29));
        var recent = (await mia.UploadOk(space, "recent-trash.txt", "recent"u8.ToArray())).Id();
        await mia.DeleteAsync($"/api/items/{recent}");
        _clock.Advance(TimeSpan.FromDays(2));

        for (var run = 0; run < 2; run++)
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<TrashPurgeJob>().RunAsync(CancellationToken.None);
        }
        var trash = await mia.GetStringAsync("/api/trash");
        Assert.DoesNotContain("old-trash", trash);
        Assert.Contains("recent-trash", trash);
        Assert.Equal(HttpStatusCode.OK, (await mia.PostAsync($"/api/items/{recent}/restore", null)).StatusCode);
    }

    [Fact]
    public async Task SP6_the_trash_says_when_and_where_from_and_days_left_and_empty_trash_deletes_it_for_good()
    {
        var eve = await factory.ClientForAsync("eve@acme.test");
        var space = (await eve.PersonalSpace()).Id();
        var folderName = $"Reports-{Guid.NewGuid():N}";
        var folder = (await (await eve.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = folderName })).Json()).Id();
        var file = (await (await eve.PostAsync($"/api/spaces/{space}/files?parentId={folder}",
            new MultipartFormDataContent { { new ByteArrayContent("q3"u8.ToArray()), "file", "q3.txt" } })).Json()).Id();
        Assert.Equal(HttpStatusCode.NoContent, (await eve.DeleteAsync($"/api/items/{file}")).StatusCode);
        _clock.Advance(TimeSpan.FromDays(10));

        var entry = (await (await eve.GetAsync("/api/trash")).Json()).EnumerateArray().Single(i => i.Id() == file);
        Assert.Equal(folderName, entry.GetProperty("folder").GetString());
        Assert.Equal(20, entry.GetProperty("daysLeft").GetInt32());
        Assert.Equal(entry.GetProperty("deletedAt").GetDateTime().AddDays(30), entry.GetProperty("purgeAt").GetDateTime());
        var page = await (await Browsers.SignedInAsync(factory, "eve@acme.test")).GetStringAsync("/trash");
        Assert.Contains("Empty trash", page);
        Assert.Contains("in 20 days", page);
        Assert.Contains(folderName, page);

        var emptied = await (await eve.DeleteAsync("/api/trash")).Json();
        Assert.True(emptied.GetProperty("deleted").GetInt32() >= 1);
        Assert.Empty((await (await eve.GetAsync("/api/trash")).Json()).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await eve.PostAsync($"/api/items/{file}/restore", null)).StatusCode);
    }

    [Fact]
    public async Task JB3_the_purge_job_removes_upload_leftovers_of_a_crash_and_keeps_an_upload_in_progress()
    {
        var tmp = Path.Combine(factory.DataDirectory, "blobs", "tmp");
        Directory.CreateDirectory(tmp);
        var crashed = Path.Combine(tmp, Guid.NewGuid().ToString("N"));
        var uploading = Path.Combine(tmp, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(crashed, new byte[1024]);
        await File.WriteAllBytesAsync(uploading, new byte[1024]);
        File.SetLastWriteTimeUtc(crashed, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(uploading, DateTime.UtcNow.AddHours(-2));

        // A writer holds its file locked until it is named (issue 27 L9: a slow upload is not judged by its age any more).
        await using (new FileStream(uploading, FileMode.Open, FileAccess.Write, FileShare.None))
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<TrashPurgeJob>().RunAsync(CancellationToken.None);
        Assert.False(File.Exists(crashed));
        Assert.True(File.Exists(uploading));
    }

    [Fact]
    public async Task L9_a_partial_upload_of_a_killed_process_goes_at_the_next_start_and_one_another_process_still_writes_stays()
    {
        await using var restarted = new TeamShareFactory();
        var tmp = Directory.CreateDirectory(Path.Combine(restarted.DataDirectory, "blobs", "tmp")).FullName;
        var killed = Path.Combine(tmp, Guid.NewGuid().ToString("N"));
        var writing = Path.Combine(tmp, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(killed, new byte[4096]);
        await File.WriteAllBytesAsync(writing, new byte[4096]);
        // The other writer is another process (another instance on the same directory): it holds the file's lock, as ours do.
        using var writer = Process.Start(new ProcessStartInfo("flock", ["--close", writing, "sleep", "120"]))!;
        // flock takes its lock a moment after it starts; a bounded wait, so a missing lock fails here instead of hanging.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Held(writing) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(Held(writing), "flock did not take the file's lock");
        // Both were last written more than a moment ago, as a kill -9 leaves them.
        File.SetLastWriteTimeUtc(killed, DateTime.UtcNow.AddSeconds(-5));
        File.SetLastWriteTimeUtc(writing, DateTime.UtcNow.AddSeconds(-5));

        _ = restarted.Services; // starts the host over the data directory
        Assert.False(File.Exists(killed));
        Assert.True(File.Exists(writing));

        writer.Kill(entireProcessTree: true);
        await writer.WaitForExitAsync();
        using (var scope = restarted.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<TrashPurgeJob>().RunAsync(CancellationToken.None);
        Assert.False(File.Exists(writing));

        static bool Held(string path)
        {
            try { using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None); return false; }
            catch (IOException) { return true; }
        }
    }

    [Fact]
    public async Task Issue28_a_file_moves_from_a_personal_space_into_a_team_space_the_member_may_edit_and_only_there()
    {
        var mark = await factory.ClientForAsync("mark@acme.test");
        var eve = await factory.ClientForAsync("eve@acme.test");
        var spaces = (await (await mark.GetAsync("/api/spaces")).Json()).EnumerateArray().ToList();
        var shared = spaces.Single(x => x.GetProperty("name").GetString() == "Acme Shared");
        var sharedRoot = shared.GetProperty("rootFolderId").GetString();
        var file = (await mark.UploadOk((await mark.PersonalSpace()).Id(), $"to-the-team-{Guid.NewGuid():N}.txt", "for everyone"u8.ToArray())).Id();

        // The move dialog offers the team space's folders, under its name, beside the member's own.
        var browser = await Browsers.SignedInAsync(factory, "mark@acme.test");
        var page = await browser.GetStringAsync($"/items/{file}");
        Assert.Contains("<optgroup label=\"Acme Shared\">", page);
        Assert.Contains($"<option value=\"{sharedRoot}\">Acme Shared (top)</option>", page);
        Assert.Contains("<optgroup label=\"My files\">", page);

        var moved = await mark.PatchAsJsonAsync($"/api/items/{file}", new { parentId = sharedRoot });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(shared.Id(), (await moved.Json()).GetProperty("spaceId").GetString());
        var listed = (await (await mark.GetAsync($"/api/spaces/{shared.Id()}/items")).Json()).EnumerateArray().Select(i => i.Id());
        Assert.Contains(file, listed);
        Assert.Equal("for everyone", await (await factory.ClientForAsync("mia@acme.test")).GetStringAsync($"/api/items/{file}/content"));

        // Eve (Sales) may not add to the team space: it is not offered to her, and the API refuses.
        var evesFile = (await eve.UploadOk((await eve.PersonalSpace()).Id(), "eves.txt", "mine"u8.ToArray())).Id();
        Assert.DoesNotContain("Acme Shared (top)", await (await Browsers.SignedInAsync(factory, "eve@acme.test")).GetStringAsync($"/items/{evesFile}"));
        Assert.NotEqual(HttpStatusCode.OK, (await eve.PatchAsJsonAsync($"/api/items/{evesFile}", new { parentId = sharedRoot })).StatusCode);
    }
}
