using System.IO.Compression;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using TeamShare.IntegrationTests;

namespace TeamShare.BrowserTests;

public sealed class ShareLinkJourneyTests(HostProcess host) : IClassFixture<HostProcess>
{
    [Fact]
    public async Task LK1_mia_uploads_creates_a_link_and_a_stranger_downloads_the_same_bytes()
    {
        await using var browser = await Chromium.SessionAsync();
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var mia = await browser.NewContextAsync();
        await mia.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseUrl });
        var page = await mia.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");

        await page.GetByLabel("Upload files").SetInputFilesAsync(new FilePayload
        {
            Name = "quarterly figures.bin", MimeType = "application/octet-stream", Buffer = bytes,
        });
        await page.GetByRole(AriaRole.Link, new() { Name = "quarterly figures.bin", Exact = true }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Create link for quarterly figures.bin" }).ClickAsync();
        await page.GetByLabel("Remarks for the recipient").FillAsync("Numbers for Friday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = page.GetByLabel("Link", new() { Exact = true });
        await link.WaitForAsync();
        var url = await link.InputValueAsync();
        Assert.StartsWith($"{host.BaseUrl}/s/", url);

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await page.GetByText("Link copied to the clipboard.").WaitForAsync();
        Assert.Equal(url, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        // A fresh context: no cookies, no account.
        var stranger = await browser.NewContextAsync(new() { AcceptDownloads = true });
        var visit = await stranger.NewPageAsync();
        await visit.GotoAsync(url);
        await visit.GetByText("Numbers for Friday").WaitForAsync();
        var download = await visit.RunAndWaitForDownloadAsync(() =>
            visit.GetByRole(AriaRole.Link, new() { Name = "Download quarterly figures.bin" }).ClickAsync());
        Assert.Equal("quarterly figures.bin", download.SuggestedFilename);
        Assert.Equal(bytes, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    [Fact]
    public async Task Issue11_the_sharer_sees_who_opened_and_downloaded_the_link_with_the_first_open_marked()
    {
        await using var browser = await Chromium.SessionAsync();
        var name = $"tracked-{Guid.NewGuid():N}.txt";

        var page = await (await browser.NewContextAsync()).NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.GetByLabel("Upload files").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/plain", Buffer = "numbers"u8.ToArray() });
        await page.GetByRole(AriaRole.Link, new() { Name = $"Create link for {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = page.GetByLabel("Link", new() { Exact = true });
        await link.WaitForAsync();
        var url = await link.InputValueAsync();

        var stranger = await (await browser.NewContextAsync(new() { AcceptDownloads = true })).NewPageAsync();
        await stranger.GotoAsync(url);
        await stranger.ReloadAsync();
        await stranger.RunAndWaitForDownloadAsync(() => stranger.GetByRole(AriaRole.Link, new() { Name = $"Download {name}" }).ClickAsync());

        await page.GotoAsync($"{host.BaseUrl}/shares");
        await page.GetByRole(AriaRole.Link, new() { Name = $"View or modify {name}", Exact = true }).ClickAsync();
        var track = page.Locator("#share-track");
        // Uses are written a moment after they happen, off the request path: look again until they are there.
        for (var tries = 0; tries < 40 && await track.Locator("li[data-kind=downloaded]").CountAsync() == 0; tries++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }
        await Assertions.Expect(track.GetByText("opened 2 times in all")).ToBeVisibleAsync();
        Assert.Equal(2, await track.Locator("li[data-kind=opened]").CountAsync());
        await Assertions.Expect(track.Locator("li[data-kind=downloaded]")).ToContainTextAsync($"Downloaded “{name}”");
        await Assertions.Expect(track.Locator("li[data-kind=downloaded]")).ToContainTextAsync("Chrome from");
        var first = track.Locator("li.list-group-item-success");
        await Assertions.Expect(first).ToHaveCountAsync(1);
        await Assertions.Expect(first).ToContainTextAsync("first open");
        await Assertions.Expect(track.Locator("#track-totals")).ToContainTextAsync(name);
    }

    [Fact]
    public async Task LK7_a_wrong_link_shows_one_plain_sentence()
    {
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync($"{host.BaseUrl}/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(404, response!.Status);
        await page.GetByText("This link does not exist. Check that you copied all of it.").WaitForAsync();
    }

    [Fact]
    public async Task Issue28_a_folder_downloads_as_a_zip_from_the_files_page_and_a_stranger_downloads_it_from_its_link_or_mounts_it()
    {
        var api = await host.ApiAsync("mia@acme.test");
        var space = (await api.PersonalSpace()).Id();
        var name = $"zip-{Guid.NewGuid():N}"[..12];
        var folder = (await (await api.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name })).Json()).Id();
        byte[] plan = RandomNumberGenerator.GetBytes(50_000), notes = "notes for the zip"u8.ToArray();
        await api.UploadOk(space, "plan.bin", plan, folder);
        await api.UploadOk(space, "notes.txt", notes, folder);
        var url = (await api.ShareOk(new { itemIds = new[] { folder } })).GetProperty("url").GetString()!;
        var expected = new Dictionary<string, byte[]?> { [$"{name}/"] = null, [$"{name}/notes.txt"] = notes, [$"{name}/plan.bin"] = plan };

        await using var browser = await Chromium.SessionAsync();
        var page = await (await browser.NewContextAsync(new() { AcceptDownloads = true })).NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.Locator($"summary[aria-label='More actions for {name}']").ClickAsync();
        var mine = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as ZIP" }).ClickAsync());
        Assert.Equal($"{name}.zip", mine.SuggestedFilename);
        Assert.Equal(expected, Entries((await mine.PathAsync())!));

        var visit = await (await browser.NewContextAsync(new() { AcceptDownloads = true })).NewPageAsync();
        await visit.GotoAsync(url);
        var theirs = await visit.RunAndWaitForDownloadAsync(() => visit.GetByRole(AriaRole.Link, new() { Name = "Download all as ZIP" }).ClickAsync());
        Assert.Equal(expected, Entries((await theirs.PathAsync())!));

        // The page's command for a drive client, run as printed, copies the same files (a shared folder is the drive's top).
        await visit.GetByText("Open as a network drive").ClickAsync();
        var command = await visit.Locator("#drive-rclone").InnerTextAsync();
        var work = Directory.CreateTempSubdirectory("link-drive").FullName;
        var rclone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = work, RedirectStandardError = true, Environment = { ["RCLONE_CONFIG"] = Path.Combine(work, "rclone.conf") },
        })!;
        var errors = await rclone.StandardError.ReadToEndAsync();
        await rclone.WaitForExitAsync();
        Assert.True(rclone.ExitCode == 0, errors);
        Assert.Equal(plan, await File.ReadAllBytesAsync(Path.Combine(work, "received", "plan.bin")));
        Assert.Equal(notes, await File.ReadAllBytesAsync(Path.Combine(work, "received", "notes.txt")));
    }

    private static Dictionary<string, byte[]?> Entries(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            if (e.FullName.EndsWith('/')) return (byte[]?)null;
            using var body = e.Open();
            var copy = new MemoryStream();
            body.CopyTo(copy);
            return copy.ToArray();
        });
    }

    [Fact]
    public async Task Issue28_the_share_dialog_makes_a_link_copies_it_and_narrows_who_it_reaches_and_shows_it_again_next_time()
    {
        var api = await host.ApiAsync("mia@acme.test");
        var name = $"dialog-link-{Guid.NewGuid():N}"[..20] + ".txt";
        var file = (await api.UploadOk((await api.PersonalSpace()).Id(), name, "made in the dialog"u8.ToArray())).Id();

        await using var browser = await Chromium.SessionAsync();
        var context = await browser.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseUrl });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/share/{file}");
        var section = page.GetByRole(AriaRole.Region, new() { Name = "Link" });
        await section.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).WaitForAsync();
        var url = await section.GetByLabel("Link", new() { Exact = true }).InputValueAsync();
        Assert.Contains("/s/", url);
        await section.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Copied" }).WaitForAsync();
        Assert.Equal(url, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        // A stranger opens it (the team's default reaches anyone); once narrowed to the team, they are asked to sign in.
        var stranger = await (await browser.NewContextAsync()).NewPageAsync();
        await stranger.GotoAsync(url);
        await stranger.GetByText(name).First.WaitForAsync();
        await page.RunAndWaitForResponseAsync(() => section.GetByLabel("Who can open it").SelectOptionAsync("team"),
            r => r.Url.Contains("/api/shares/") && r.Request.Method == "PATCH");
        var share = (await (await api.GetAsync("/api/shares?itemId=" + file)).Json()).GetProperty("items")[0];
        Assert.Equal(("team", url), (share.GetProperty("audience").GetString(), share.GetProperty("url").GetString()));
        await stranger.GotoAsync(url);
        Assert.Equal(0, await stranger.GetByText(name).CountAsync());

        // Next time the dialog shows that link, not a new one, with its full settings a click away.
        await page.ReloadAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).WaitForAsync();
        Assert.Equal(url, await section.GetByLabel("Link", new() { Exact = true }).InputValueAsync());
        Assert.Equal("team", await section.GetByLabel("Who can open it").InputValueAsync());
        Assert.Equal($"/shares/{share.Id()}", await section.GetByRole(AriaRole.Link, new() { Name = "More link settings" }).GetAttributeAsync("href"));
        Assert.Equal(1, (await (await api.GetAsync("/api/shares?itemId=" + file)).Json()).GetProperty("items").GetArrayLength());
    }
}
