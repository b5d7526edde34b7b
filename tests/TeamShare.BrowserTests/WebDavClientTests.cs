using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace TeamShare.BrowserTests;

/// <summary>
/// Issue 10 with real WebDAV clients against a real TeamShare process: the litmus conformance suite, rclone syncing a tree
/// up and down, cadaver, links mounted by rclone and curl-like calls, and the account page that makes the app password.
/// </summary>
public sealed partial class WebDavClientTests(HostProcess host, ITestOutputHelper output) : IClassFixture<HostProcess>
{
    /// <summary>Failures litmus may report, each explained in docs/webdav.md. The test fails if the count grows.</summary>
    private const int KnownLitmusFailures = 0;

    private async Task<(HttpClient Api, string AppPassword, string Space)> MemberAsync(string email = "mia@acme.test")
    {
        var api = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var created = await (await api.PostAsJsonAsync("/api/auth/tokens", new { email, password = "demo-Password1", name = "webdav client" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var token = created.GetProperty("token").GetString()!;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var spaces = await api.GetFromJsonAsync<JsonElement>("/api/spaces");
        return (api, token, spaces[0].GetProperty("id").GetString()!);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, string? input = null, int timeoutSeconds = 600)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {timeoutSeconds} s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task WebDAV_litmus_passes_its_basic_copymove_props_locks_and_http_suites()
    {
        var (_, password, space) = await MemberAsync();
        var (_, text) = await RunAsync("litmus", [$"{host.BaseUrl}/dav/spaces/{space}/", "mia@acme.test", password],
            workingDirectory: Directory.CreateTempSubdirectory("litmus").FullName);
        var summaries = SummaryPattern().Matches(text).Select(m => (Suite: m.Groups[1].Value, Run: int.Parse(m.Groups[2].Value),
            Passed: int.Parse(m.Groups[3].Value), Failed: int.Parse(m.Groups[4].Value))).ToList();
        foreach (var s in summaries) output.WriteLine($"litmus {s.Suite}: {s.Run} run, {s.Passed} passed, {s.Failed} failed");
        Assert.Equal(["basic", "copymove", "props", "locks", "http"], summaries.Select(s => s.Suite));
        Assert.True(summaries.Sum(s => s.Failed) <= KnownLitmusFailures, text);
        Assert.True(summaries.Sum(s => s.Passed) >= 100, text);
    }

    [GeneratedRegex(@"<- summary for `(\w+)': of (\d+) tests run: (\d+) passed, (\d+) failed")]
    private static partial Regex SummaryPattern();

    private static Dictionary<string, string> Remote(string name, string url, string? user = null, string? obscured = null)
    {
        var prefix = $"RCLONE_CONFIG_{name.ToUpperInvariant()}_";
        var settings = new Dictionary<string, string>
        {
            [prefix + "TYPE"] = "webdav", [prefix + "URL"] = url, [prefix + "VENDOR"] = "other", ["RCLONE_CONFIG"] = "/dev/null",
        };
        if (user is not null) settings[prefix + "USER"] = user;
        if (obscured is not null) settings[prefix + "PASS"] = obscured;
        return settings;
    }

    private static async Task<string> ObscureAsync(string password) => (await RunAsync("rclone", ["obscure", password])).Output.Trim();

    [Fact]
    public async Task WebDAV_rclone_syncs_200_files_and_a_100MB_file_up_and_down_byte_for_byte_and_a_second_sync_moves_nothing()
    {
        var (_, password, space) = await MemberAsync();
        var source = Directory.CreateTempSubdirectory("rclone-up").FullName;
        var folders = new[] { "plans", "plans/2026 Q1", "zdjęcia żółć", "a/b/c d" };
        var random = new Random(10);
        for (var i = 0; i < 200; i++)
        {
            var folder = Path.Combine(source, folders[i % folders.Length]);
            Directory.CreateDirectory(folder);
            var bytes = new byte[random.Next(0, 40_000)];
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(Path.Combine(folder, $"file {i} ñandú.bin"), bytes);
        }
        await using (var big = File.Create(Path.Combine(source, "big.bin")))
        {
            var chunk = new byte[1 << 20];
            for (var i = 0; i < 100; i++)
            {
                random.NextBytes(chunk);
                await big.WriteAsync(chunk);
            }
        }
        var files = Directory.GetFiles(source, "*", SearchOption.AllDirectories).Length;
        var bytesTotal = Directory.GetFiles(source, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var env = Remote("ts", $"{host.BaseUrl}/dav/spaces/{space}/", "mia@acme.test", await ObscureAsync(password));

        var clock = Stopwatch.StartNew();
        var up = await RunAsync("rclone", ["sync", source, "ts:synced tree", "-v"], environment: env);
        var upSeconds = clock.Elapsed.TotalSeconds;
        Assert.True(up.Exit == 0, up.Output);
        clock.Restart();
        var again = await RunAsync("rclone", ["sync", source, "ts:synced tree", "-v"], environment: env);
        Assert.True(again.Exit == 0, again.Output);
        Assert.DoesNotContain("Copied", again.Output);

        var target = Directory.CreateTempSubdirectory("rclone-down").FullName;
        clock.Restart();
        var down = await RunAsync("rclone", ["sync", "ts:synced tree", target, "-v"], environment: env);
        var downSeconds = clock.Elapsed.TotalSeconds;
        Assert.True(down.Exit == 0, down.Output);
        output.WriteLine($"rclone: {files} files, {bytesTotal:N0} bytes; up {upSeconds:F1} s, down {downSeconds:F1} s");

        var sent = Directory.GetFiles(source, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(source, f)).Order().ToList();
        var received = Directory.GetFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f)).Order().ToList();
        Assert.Equal(sent, received);
        foreach (var file in sent)
            Assert.True(SHA256.HashData(File.ReadAllBytes(Path.Combine(source, file))).SequenceEqual(SHA256.HashData(File.ReadAllBytes(Path.Combine(target, file)))), file);
    }

    [Fact]
    public async Task LK2_LK8_links_mounted_by_rclone_read_only_lists_and_refuses_uploads_a_drop_box_takes_files_and_shows_none()
    {
        var (api, password, space) = await MemberAsync();
        using var dav = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        dav.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"mia@acme.test:{password}")));
        Assert.Equal(HttpStatusCode.Created, (await dav.SendAsync(new HttpRequestMessage(new HttpMethod("MKCOL"), $"/dav/spaces/{space}/for-links"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await dav.PutAsync($"/dav/spaces/{space}/for-links/handbook.txt", new StringContent("read me"))).StatusCode);
        var items = await api.GetFromJsonAsync<JsonElement>($"/api/spaces/{space}/items");
        var folder = items.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "for-links").GetProperty("id").GetString();
        async Task<string> LinkAsync(object body)
        {
            var share = await (await api.PostAsJsonAsync("/api/shares", body)).Content.ReadFromJsonAsync<JsonElement>();
            var url = share.GetProperty("url").GetString()!;
            return url[(url.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..];
        }
        var readOnly = await LinkAsync(new { itemIds = new[] { folder } });
        var dropBox = await LinkAsync(new { itemIds = new[] { folder }, allowPreview = false, allowUpload = true });
        var locked = await LinkAsync(new { itemIds = new[] { folder }, password = "S3cret" });
        var local = Directory.CreateTempSubdirectory("rclone-link").FullName;
        await File.WriteAllTextAsync(Path.Combine(local, "from outside.txt"), "hello");

        var ro = Remote("ro", $"{host.BaseUrl}/dav/links/{readOnly}/");
        var listed = await RunAsync("rclone", ["lsf", "ro:"], environment: ro);
        Assert.Equal("handbook.txt", listed.Output.Trim());
        var cat = await RunAsync("rclone", ["cat", "ro:handbook.txt"], environment: ro);
        Assert.Equal("read me", cat.Output);
        var refused = await RunAsync("rclone", ["copyto", Path.Combine(local, "from outside.txt"), "ro:from outside.txt"], environment: ro);
        Assert.NotEqual(0, refused.Exit);

        // rclone re-reads each file it wrote, which a drop box never shows, so the drop is made with cadaver (docs/webdav.md).
        var (_, cadaver) = await RunAsync("cadaver", [$"{host.BaseUrl}/dav/links/{dropBox}/"], local, new Dictionary<string, string> { ["HOME"] = local },
            "put \"from outside.txt\"\nls\nquit\n", timeoutSeconds: 60);
        Assert.Contains("succeeded", cadaver);
        var db = Remote("db", $"{host.BaseUrl}/dav/links/{dropBox}/");
        Assert.Equal("", (await RunAsync("rclone", ["lsf", "db:"], environment: db)).Output.Trim());
        var names = (await api.GetFromJsonAsync<JsonElement>($"/api/spaces/{space}/items?parentId={folder}")).EnumerateArray()
            .Select(i => i.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["from outside.txt", "handbook.txt"], names);

        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var noPassword = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod("PROPFIND"), $"/dav/links/{locked}/"));
        Assert.Equal(HttpStatusCode.Unauthorized, noPassword.StatusCode);
        var withPassword = Remote("pw", $"{host.BaseUrl}/dav/links/{locked}/", "anyone", await ObscureAsync("S3cret"));
        Assert.Contains("handbook.txt", (await RunAsync("rclone", ["lsf", "pw:"], environment: withPassword)).Output);
    }

    [Fact]
    public async Task WebDAV_cadaver_makes_a_folder_uploads_lists_and_downloads()
    {
        var (_, password, space) = await MemberAsync("mark@acme.test");
        var home = Directory.CreateTempSubdirectory("cadaver").FullName;
        var netrc = Path.Combine(home, ".netrc");
        await File.WriteAllTextAsync(netrc, $"machine 127.0.0.1 login mark@acme.test password {password}\n");
        File.SetUnixFileMode(netrc, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(Path.Combine(home, "notes.txt"), "cadaver was here");
        var (_, text) = await RunAsync("cadaver", [$"{host.BaseUrl}/dav/spaces/{space}/"], home, new Dictionary<string, string> { ["HOME"] = home },
            "mkcol from-cadaver\ncd from-cadaver\nput notes.txt\nls\nget notes.txt back.txt\nquit\n", timeoutSeconds: 60);
        Assert.Contains("Creating `from-cadaver': succeeded.", text);
        Assert.Contains("notes.txt", text);
        Assert.Equal("cadaver was here", await File.ReadAllTextAsync(Path.Combine(home, "back.txt")));
    }

    [Fact]
    public async Task WebDAV_Issue28_a_member_makes_an_app_password_on_the_account_page_and_mounts_the_drive_with_the_commands_it_prints()
    {
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mark@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/account/tokens");
        await page.GetByRole(AriaRole.Link, new() { Name = "Network drive (WebDAV)" }).ClickAsync();
        await page.GetByLabel("Device or program").FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create app password" }).ClickAsync();
        var password = await page.GetByLabel("New app password").InputValueAsync();
        var address = await page.Locator("#dav-address").InnerTextAsync();
        var user = await page.Locator("#dav-user").InnerTextAsync();
        Assert.Equal("mark@acme.test", user);
        Assert.EndsWith("/dav/", address);
        // Each space the member reaches is listed with its own address: its folder at the drive's root.
        await page.GetByRole(AriaRole.Cell, new() { Name = "Acme Shared", Exact = true }).WaitForAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = address + "Acme%20Shared/", Exact = true }).WaitForAsync();

        // Issue 28: the rclone commands the page prints, run as printed (the app password in place of APP-PASSWORD), work from
        // the drive's root: the spaces are listed by name, a folder copied up comes back byte for byte.
        var commands = (await page.Locator("#rclone-commands").InnerTextAsync()).Replace("APP-PASSWORD", password).Split('\n');
        var work = Directory.CreateTempSubdirectory("rclone-printed").FullName;
        Directory.CreateDirectory(Path.Combine(work, "folder"));
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        await File.WriteAllBytesAsync(Path.Combine(work, "folder", "plan ż.bin"), bytes);
        var shell = new Dictionary<string, string> { ["RCLONE_CONFIG"] = Path.Combine(work, "rclone.conf") };
        var results = new List<(int Exit, string Output)>();
        foreach (var command in commands) results.Add(await RunAsync("bash", ["-c", command], work, shell));
        Assert.All(results, r => Assert.True(r.Exit == 0, r.Output));
        Assert.Equal(["Acme Shared/", "My files/"], results[1].Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l is "My files/" or "Acme Shared/").Order());
        var back = await RunAsync("rclone", ["copy", "teamshare:My files/folder", Path.Combine(work, "back")], work, shell);
        Assert.True(back.Exit == 0, back.Output);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(work, "back", "plan ż.bin")));
        // cadaver at the same address lists the spaces by name.
        var netrc = Path.Combine(work, ".netrc");
        await File.WriteAllTextAsync(netrc, $"machine 127.0.0.1 login {user} password {password}\n");
        File.SetUnixFileMode(netrc, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (_, cadaver) = await RunAsync("cadaver", [address], work, new Dictionary<string, string> { ["HOME"] = work }, "ls\nquit\n", timeoutSeconds: 60);
        Assert.Contains("My files", cadaver);
        Assert.Contains("Acme Shared", cadaver);

        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), $"{host.BaseUrl}/dav/");
        request.Headers.Add("Depth", "1");
        var listing = await client.SendAsync(request);
        Assert.Equal((HttpStatusCode)207, listing.StatusCode);
        var xml = await listing.Content.ReadAsStringAsync();
        Assert.Contains("<D:displayname>My files</D:displayname>", xml);
        Assert.Contains("<D:displayname>Acme Shared</D:displayname>", xml);

        // The app password is a token: revoking it on the account page ends the drive at once.
        await page.GotoAsync($"{host.BaseUrl}/account/tokens");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke WebDAV: Work laptop" }).ClickAsync();
        await page.GetByText("Revoked").First.WaitForAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(new HttpRequestMessage(new HttpMethod("PROPFIND"), $"{host.BaseUrl}/dav/"))).StatusCode);
    }
}
