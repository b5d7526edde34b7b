using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Xml.Linq;
using TeamShare.Spaces.Contracts;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 10: WebDAV for members (/dav/spaces/…) and for links (/dav/links/…), over the same rules as the API and the link
/// pages. Real WebDAV clients (litmus, rclone, cadaver) run against a real process in the browser-test project.
/// </summary>
public sealed class WebDavTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private static readonly XNamespace D = "DAV:";
    private static readonly string[] Methods = ["GET", "HEAD", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK"];

    /// <summary>A WebDAV client for a member: Basic with their e-mail and a fresh app password (a personal access token).</summary>
    private async Task<HttpClient> DavAsync(string email)
    {
        var api = await factory.ClientForAsync(email);
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;
        var dav = factory.Client(cookies: false);
        dav.DefaultRequestHeaders.Authorization = Basic(email, token);
        return dav;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static HttpRequestMessage Dav(string method, string url, string? body = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, method is "PUT" ? "application/octet-stream" : "application/xml");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static async Task<List<string>> ListAsync(HttpClient client, string url)
    {
        var response = await client.SendAsync(Dav("PROPFIND", url, null, ("Depth", "1")));
        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return xml.Descendants(D + "href").Select(h => Uri.UnescapeDataString(h.Value)).ToList();
    }

    private async Task<(HttpClient Mia, string Space)> MiaAsync()
    {
        var mia = await DavAsync("mia@acme.test");
        var api = await factory.ClientForAsync("mia@acme.test");
        return (mia, (await api.PersonalSpace()).Id());
    }

    [Fact]
    public async Task ID8_webdav_takes_an_app_password_never_the_account_password_nor_the_cookie()
    {
        var (mia, space) = await MiaAsync();
        Assert.Equal((HttpStatusCode)207, (await mia.SendAsync(Dav("PROPFIND", $"/dav/spaces/{space}/", null, ("Depth", "0")))).StatusCode);

        var withPassword = factory.Client(cookies: false);
        withPassword.DefaultRequestHeaders.Authorization = Basic("mia@acme.test", TeamShareFactory.Password);
        var refused = await withPassword.SendAsync(Dav("PROPFIND", $"/dav/spaces/{space}/", null, ("Depth", "0"), ("X-Test-Client-Address", "192.0.2.80")));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("Basic realm=", refused.Headers.WwwAuthenticate.ToString());

        // A signed-in browser's cookie does not open the drive: another site could otherwise drive it.
        var browser = await Browsers.SignedInAsync(factory, "mia@acme.test");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(Dav("PROPFIND", $"/dav/spaces/{space}/", null, ("Depth", "0")))).StatusCode);
    }

    [Fact]
    public async Task ID8_wrong_app_passwords_are_throttled_like_sign_in()
    {
        var (mia, space) = await MiaAsync();
        var token = mia.DefaultRequestHeaders.Authorization!;
        var guesser = factory.Client(cookies: false);
        guesser.DefaultRequestHeaders.Authorization = Basic("mia@acme.test", "tsp_wrong-guess");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SendAsync(Dav("PROPFIND", $"/dav/spaces/{space}/", null, ("X-Test-Client-Address", "192.0.2.81")))).StatusCode);
        // From that address even the right app password is refused now; from another it works.
        var right = Dav("PROPFIND", $"/dav/spaces/{space}/", null, ("X-Test-Client-Address", "192.0.2.81"));
        right.Headers.Authorization = token;
        Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SendAsync(right)).StatusCode);
        var elsewhere = Dav("PROPFIND", $"/dav/spaces/{space}/", null, ("X-Test-Client-Address", "192.0.2.82"));
        elsewhere.Headers.Authorization = token;
        Assert.Equal((HttpStatusCode)207, (await guesser.SendAsync(elsewhere)).StatusCode);
    }

    [Fact]
    public async Task SP8_ID7_outsiders_and_suspended_members_get_the_same_answer_on_every_method_for_existing_and_missing_paths()
    {
        var (mia, space) = await MiaAsync();
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("PUT", $"/dav/spaces/{space}/private.txt", "secret"))).StatusCode);
        var mark = await DavAsync("mark@acme.test");
        var gary = await DavAsync("gary@globex.test");
        var anonymous = factory.Client(cookies: false);

        var adam = await factory.ClientForAsync("adam@acme.test");
        var email = $"dav-suspended-{Guid.NewGuid():N}@acme.test";
        var added = await (await (await factory.ClientForAsync("olivia@acme.test")).PostAsJsonAsync("/api/admin/members", new { email, displayName = "Sam Dav", password = TeamShareFactory.Password })).Json();
        var suspended = await DavAsync(email);
        var suspendedSpace = (await (await factory.ClientForAsync(email)).PersonalSpace()).Id();
        Assert.Equal((HttpStatusCode)207, (await suspended.SendAsync(Dav("PROPFIND", $"/dav/spaces/{suspendedSpace}/", null, ("Depth", "0")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await adam.PatchAsJsonAsync($"/api/admin/members/{added.Id()}", new { isActive = false })).StatusCode);

        var failures = new List<string>();
        foreach (var method in Methods)
        {
            HttpRequestMessage For(string path) => Dav(method, path, method is "PUT" or "PROPPATCH" or "LOCK" ? "<x/>" : null,
                ("Destination", $"/dav/spaces/{space}/moved.txt"), ("Depth", "0"));
            foreach (var (who, client, expected) in new[] { ("a member without access", mark, HttpStatusCode.NotFound), ("another team's owner", gary, HttpStatusCode.NotFound) })
            {
                var existing = (await client.SendAsync(For($"/dav/spaces/{space}/private.txt"))).StatusCode;
                var missing = (await client.SendAsync(For($"/dav/spaces/{space}/no-such-{Guid.NewGuid():N}.txt"))).StatusCode;
                var randomSpace = (await client.SendAsync(For($"/dav/spaces/{Guid.NewGuid()}/private.txt"))).StatusCode;
                if (existing != expected || missing != expected || randomSpace != expected)
                    failures.Add($"{method} by {who}: {(int)existing} existing, {(int)missing} missing, {(int)randomSpace} random space");
            }
            var anon = await anonymous.SendAsync(For($"/dav/spaces/{space}/private.txt"));
            if (anon.StatusCode != HttpStatusCode.Unauthorized || !anon.Headers.WwwAuthenticate.ToString().StartsWith("Basic")) failures.Add($"{method} anonymous: {(int)anon.StatusCode}");
            var off = (await suspended.SendAsync(For($"/dav/spaces/{suspendedSpace}/"))).StatusCode;
            if (off != HttpStatusCode.Unauthorized) failures.Add($"{method} suspended: {(int)off}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal("secret", await mia.GetStringAsync($"/dav/spaces/{space}/private.txt"));
    }

    [Fact]
    public async Task SP5_SP6_a_put_onto_a_file_is_a_new_version_and_delete_goes_to_the_trash_without_holding_the_name()
    {
        var (mia, space) = await MiaAsync();
        var api = await factory.ClientForAsync("mia@acme.test");
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("MKCOL", $"/dav/spaces/{space}/Reports 2026"))).StatusCode);
        var url = $"/dav/spaces/{space}/Reports%202026/plan%20%C5%BC%C3%B3%C5%82%C4%87.txt";
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("PUT", url, "one"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.SendAsync(Dav("PUT", url, "two"))).StatusCode);
        Assert.Equal("two", await mia.GetStringAsync(url));

        var folder = (await (await api.GetAsync($"/api/spaces/{space}/items")).Json()).EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Reports 2026").Id();
        var file = (await (await api.GetAsync($"/api/spaces/{space}/items?parentId={folder}")).Json()).EnumerateArray().Single();
        Assert.Equal("plan żółć.txt", file.GetProperty("name").GetString());
        Assert.Equal(2, (await (await api.GetAsync($"/api/items/{file.Id()}/versions")).Json()).GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await mia.SendAsync(Dav("DELETE", url))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mia.GetAsync(url)).StatusCode);
        Assert.Contains((await (await api.GetAsync("/api/trash")).Json()).EnumerateArray(), i => i.Id() == file.Id());

        // A client saving again (delete then put, as many do) gets the same name; the trashed one comes back renamed.
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("PUT", url, "three"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/items/{file.Id()}/restore", null)).StatusCode);
        var names = (await (await api.GetAsync($"/api/spaces/{space}/items?parentId={folder}")).Json()).EnumerateArray()
            .Select(i => i.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["plan żółć (1).txt", "plan żółć.txt"], names);
        Assert.Equal("three", await mia.GetStringAsync(url));
    }

    [Fact]
    public async Task SP8_a_viewer_reads_over_webdav_but_cannot_change_anything()
    {
        var (mia, space) = await MiaAsync();
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("MKCOL", $"/dav/spaces/{space}/viewed"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("PUT", $"/dav/spaces/{space}/viewed/a.txt", "keep"))).StatusCode);
        var api = await factory.ClientForAsync("mia@acme.test");
        var folder = (await (await api.GetAsync($"/api/spaces/{space}/items")).Json()).EnumerateArray().Single(i => i.GetProperty("name").GetString() == "viewed").Id();
        await factory.GrantAsync(folder, "user", await (await factory.ClientForAsync("eve@acme.test")).UserIdAsync(), AccessRole.Viewer);

        var eve = await DavAsync("eve@acme.test");
        Assert.Contains($"/dav/spaces/{space}/viewed/a.txt", await ListAsync(eve, $"/dav/spaces/{space}/viewed/"));
        Assert.Equal("keep", await eve.GetStringAsync($"/dav/spaces/{space}/viewed/a.txt"));
        // Above the folder she may open, the space is not hers to see.
        Assert.Equal(HttpStatusCode.NotFound, (await eve.SendAsync(Dav("PROPFIND", $"/dav/spaces/{space}/", null, ("Depth", "1")))).StatusCode);
        foreach (var request in new[]
        {
            Dav("PUT", $"/dav/spaces/{space}/viewed/a.txt", "changed"), Dav("PUT", $"/dav/spaces/{space}/viewed/new.txt", "new"),
            Dav("DELETE", $"/dav/spaces/{space}/viewed/a.txt"), Dav("MKCOL", $"/dav/spaces/{space}/viewed/sub"),
            Dav("MOVE", $"/dav/spaces/{space}/viewed/a.txt", null, ("Destination", $"/dav/spaces/{space}/viewed/b.txt")),
        })
            Assert.Equal(HttpStatusCode.Forbidden, (await eve.SendAsync(request)).StatusCode);
        Assert.Equal("keep", await mia.GetStringAsync($"/dav/spaces/{space}/viewed/a.txt"));
    }

    [Fact]
    public async Task Issue27_L5_a_folder_a_member_may_not_open_answers_over_webdav_like_one_that_does_not_exist()
    {
        var (mia, space) = await MiaAsync();
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("MKCOL", $"/dav/spaces/{space}/salaries"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("MKCOL", $"/dav/spaces/{space}/salaries/for-eve"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("PUT", $"/dav/spaces/{space}/salaries/for-eve/a.txt", "yours"))).StatusCode);
        var api = await factory.ClientForAsync("mia@acme.test");
        var salaries = (await (await api.GetAsync($"/api/spaces/{space}/items")).Json()).EnumerateArray().Single(i => i.GetProperty("name").GetString() == "salaries").Id();
        var forEve = (await (await api.GetAsync($"/api/spaces/{space}/items?parentId={salaries}")).Json()).EnumerateArray().Single().Id();
        await factory.GrantAsync(forEve, "user", await (await factory.ClientForAsync("eve@acme.test")).UserIdAsync(), AccessRole.Viewer);

        // The web names the folder above her share "…"; a right guess of its name must not answer otherwise than a wrong one.
        var eve = await DavAsync("eve@acme.test");
        foreach (var folder in new[] { "salaries", "guessed" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await eve.SendAsync(Dav("PROPFIND", $"/dav/spaces/{space}/{folder}/for-eve/", null, ("Depth", "1")))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await eve.SendAsync(Dav("GET", $"/dav/spaces/{space}/{folder}/for-eve/a.txt"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await eve.SendAsync(Dav("PROPFIND", $"/dav/spaces/{space}/{folder}/for-eve/none.txt", null, ("Depth", "0")))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await eve.SendAsync(Dav("PUT", $"/dav/spaces/{space}/{folder}/for-eve/new.txt", "x"))).StatusCode);
        }
        // Her share itself still opens on the web, where it is found through "Shared with me".
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync("eve@acme.test")).GetAsync($"/api/items/{forEve}")).StatusCode);
    }

    [Fact]
    public async Task WebDAV_a_locked_file_refuses_writes_without_its_token_and_from_anyone_else()
    {
        var (mia, space) = await MiaAsync();
        var url = $"/dav/spaces/{space}/locked.txt";
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("PUT", url, "v1"))).StatusCode);
        var locked = await mia.SendAsync(Dav("LOCK", url,
            "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>mia</D:owner></D:lockinfo>",
            ("Timeout", "Second-600")));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var token = locked.Headers.GetValues("Lock-Token").Single();

        Assert.Equal((HttpStatusCode)423, (await mia.SendAsync(Dav("PUT", url, "v2"))).StatusCode);
        Assert.Equal((HttpStatusCode)423, (await mia.SendAsync(Dav("DELETE", url))).StatusCode);
        // The token alone is not enough for someone else who can edit.
        var api = await factory.ClientForAsync("mia@acme.test");
        var root = (await api.PersonalSpace()).GetProperty("rootFolderId").GetString()!;
        await factory.GrantAsync(root, "user", await (await factory.ClientForAsync("mark@acme.test")).UserIdAsync(), AccessRole.Editor);
        var mark = await DavAsync("mark@acme.test");
        Assert.Equal((HttpStatusCode)423, (await mark.SendAsync(Dav("PUT", url, "mark's", ("If", $"({token})")))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await mia.SendAsync(Dav("PUT", url, "v2", ("If", $"({token})")))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.SendAsync(Dav("UNLOCK", url, null, ("Lock-Token", token)))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mark.SendAsync(Dav("PUT", url, "v3"))).StatusCode);
        Assert.Equal("v3", await mia.GetStringAsync(url));
    }

    private async Task<(HttpClient Mia, string Folder, string FileName)> SharedFolderAsync()
    {
        var (mia, space) = await MiaAsync();
        var name = $"shared-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("MKCOL", $"/dav/spaces/{space}/{name}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("PUT", $"/dav/spaces/{space}/{name}/report.txt", "figures"))).StatusCode);
        var api = await factory.ClientForAsync("mia@acme.test");
        var folder = (await (await api.GetAsync($"/api/spaces/{space}/items")).Json()).EnumerateArray().Single(i => i.GetProperty("name").GetString() == name).Id();
        return (api, folder, "report.txt");
    }

    private static async Task<string> LinkAsync(HttpClient api, object body) => Api.TokenOf((await api.ShareOk(body)).GetProperty("url").GetString()!);

    [Fact]
    public async Task LK2_a_read_only_link_lists_and_downloads_over_webdav_counts_each_download_and_refuses_put()
    {
        var (api, folder, _) = await SharedFolderAsync();
        var token = await LinkAsync(api, new { itemIds = new[] { folder }, previewLimit = 2 });
        var anyone = factory.Client(cookies: false);
        var listed = await ListAsync(anyone, $"/dav/links/{token}/");
        Assert.Contains($"/dav/links/{token}/report.txt", listed);

        var put = await anyone.SendAsync(Dav("PUT", $"/dav/links/{token}/report.txt", "overwritten"));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anyone.SendAsync(Dav("PUT", $"/dav/links/{token}/new.txt", "new"))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await anyone.SendAsync(Dav("DELETE", $"/dav/links/{token}/report.txt"))).StatusCode);

        // Every GET counts toward the preview limit, ranged or not, like a download from the page.
        var ranged = Dav("GET", $"/dav/links/{token}/report.txt");
        ranged.Headers.Range = new RangeHeaderValue(0, 2);
        Assert.Equal(HttpStatusCode.PartialContent, (await anyone.SendAsync(ranged)).StatusCode);
        Assert.Equal("figures", await anyone.GetStringAsync($"/dav/links/{token}/report.txt"));
        Assert.Equal(HttpStatusCode.Gone, (await anyone.GetAsync($"/dav/links/{token}/report.txt")).StatusCode);
        var response = await anyone.SendAsync(Dav("PROPFIND", $"/dav/links/{token}/", null, ("Depth", "0")));
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());
    }

    [Fact]
    public async Task Issue27_LK7_a_team_only_link_mounts_with_a_members_token_and_for_nobody_else()
    {
        var (api, folder, file) = await SharedFolderAsync();
        var token = await LinkAsync(api, new { itemIds = new[] { folder }, teamOnly = true });
        // The same gate as the link's page: a member of the team is signed in (a personal access token as Bearer, which rclone's
        // bearer_token sends; Basic on a link address is the link's password), others do not get in.
        var member = factory.Client(cookies: false);
        member.DefaultRequestHeaders.Authorization = (await factory.ClientForAsync("mark@acme.test")).DefaultRequestHeaders.Authorization;
        Assert.Contains($"/dav/links/{token}/{file}", await ListAsync(member, $"/dav/links/{token}/"));
        var otherTeam = factory.Client(cookies: false);
        otherTeam.DefaultRequestHeaders.Authorization = (await factory.ClientForAsync("gary@globex.test")).DefaultRequestHeaders.Authorization;
        foreach (var outsider in new[] { factory.Client(cookies: false), otherTeam, await DavAsync("gary@globex.test") })
        {
            var refused = await outsider.SendAsync(Dav("PROPFIND", $"/dav/links/{token}/", null, ("Depth", "1")));
            Assert.NotEqual((HttpStatusCode)207, refused.StatusCode);
            Assert.DoesNotContain(file, await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task LK8_a_drop_box_link_takes_puts_shows_nothing_and_never_overwrites()
    {
        var (api, folder, file) = await SharedFolderAsync();
        var token = await LinkAsync(api, new { itemIds = new[] { folder }, allowPreview = false, allowUpload = true });
        var outsider = factory.Client(cookies: false);
        Assert.Equal([$"/dav/links/{token}/"], await ListAsync(outsider, $"/dav/links/{token}/"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/dav/links/{token}/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await outsider.SendAsync(Dav("PUT", $"/dav/links/{token}/{file}", "dropped"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await outsider.SendAsync(Dav("PUT", $"/dav/links/{token}/invoice.pdf", "pdf"))).StatusCode);

        var names = (await (await api.GetAsync($"/api/spaces/{(await api.PersonalSpace()).Id()}/items?parentId={folder}")).Json()).EnumerateArray()
            .Select(i => i.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["invoice.pdf", "report (1).txt", "report.txt"], names);
        var share = (await (await api.GetAsync("/api/shares")).Json());
        Assert.Contains(share.GetProperty("items").EnumerateArray(), s => s.GetProperty("uploadCount").GetInt32() == 2);
    }

    [Fact]
    public async Task LK11_a_password_link_over_webdav_needs_the_password_and_shares_the_throttle()
    {
        var (api, folder, file) = await SharedFolderAsync();
        var token = await LinkAsync(api, new { itemIds = new[] { folder }, password = "Tr0ub4d" });
        var client = factory.Client(cookies: false);
        HttpRequestMessage Find(string? password, string address)
        {
            var request = Dav("PROPFIND", $"/dav/links/{token}/", null, ("Depth", "1"), ("X-Test-Client-Address", address));
            if (password is not null) request.Headers.Authorization = Basic("anyone", password);
            return request;
        }
        var none = await client.SendAsync(Find(null, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.StartsWith("Basic", none.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain(file, await none.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode)207, (await client.SendAsync(Find("Tr0ub4d", "198.51.100.1"))).StatusCode);

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Find("wrong", "198.51.100.2"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Find("Tr0ub4dX", "198.51.100.2"))).StatusCode);
        // The web page's unlock counts in the same throttle.
        var unlock = new HttpRequestMessage(HttpMethod.Post, $"/s/{token}/unlock") { Content = JsonContent.Create(new { password = "Tr0ub4d" }) };
        unlock.Headers.Add("X-Test-Client-Address", "198.51.100.2");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(unlock)).StatusCode);
    }

    [Fact]
    public async Task LK2_LK7_an_editing_link_saves_new_versions_and_a_canceled_link_stops_at_once()
    {
        var (api, folder, file) = await SharedFolderAsync();
        var share = await api.ShareOk(new { itemIds = new[] { folder }, allowEdit = true });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var outsider = factory.Client(cookies: false);
        Assert.Equal(HttpStatusCode.NoContent, (await outsider.SendAsync(Dav("PUT", $"/dav/links/{token}/{file}", "edited"))).StatusCode);
        Assert.Equal("edited", await outsider.GetStringAsync($"/dav/links/{token}/{file}"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/shares/{share.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await outsider.SendAsync(Dav("PROPFIND", $"/dav/links/{token}/", null, ("Depth", "1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await outsider.SendAsync(Dav("PUT", $"/dav/links/{token}/{file}", "after"))).StatusCode);
    }

    [Fact]
    public async Task Issue28_the_drive_root_lists_each_space_as_a_folder_of_its_name_unique_and_paths_under_it_work()
    {
        using var host = new TeamShareFactory();
        var adam = await host.ClientForAsync("adam@acme.test");
        // Names that clash at the root: the personal space's, a reserved one, and one that differs only in case.
        foreach (var name in new[] { "My files", "spaces", "acme shared" })
        {
            var created = await adam.PostAsJsonAsync("/api/admin/spaces", new { name });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await adam.PostAsJsonAsync($"/api/admin/spaces/{(await created.Json()).Id()}/access",
                new { kind = "organisation", role = "editor" })).StatusCode);
        }
        var api = await host.ClientForAsync("mia@acme.test");
        var mia = host.Client(cookies: false);
        mia.DefaultRequestHeaders.Authorization = Basic("mia@acme.test", api.DefaultRequestHeaders.Authorization!.Parameter!);

        var root = await ListAsync(mia, "/dav/");
        Assert.Equal("/dav/", root[0]);
        // Every entry is a folder right inside /dav/ (rclone drops entries that are not), each name once.
        Assert.All(root.Skip(1), href => Assert.Matches("^/dav/[^/]+/$", href));
        var folders = root.Skip(1).Select(h => h[5..^1]).ToList();
        Assert.Equal(folders.Count, folders.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("My files", folders[0]);
        Assert.Contains("My files (2)", folders);
        Assert.Contains("spaces (2)", folders);
        Assert.Contains("Acme Shared", folders);
        Assert.Contains("acme shared (2)", folders);

        // Under a space's folder, the same methods as by id: make, write, move, read, list.
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("MKCOL", "/dav/My%20files/drive"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("PUT", "/dav/My%20files/drive/a.txt", "by name"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("MOVE", "/dav/My%20files/drive/a.txt", null,
            ("Destination", $"{mia.BaseAddress}dav/My%20files/drive/b.txt")))).StatusCode);
        Assert.Equal("by name", await mia.GetStringAsync("/dav/my%20FILES/drive/b.txt"));
        Assert.Equal(["/dav/My files/drive/", "/dav/My files/drive/b.txt"], await ListAsync(mia, "/dav/My%20files/drive/"));
        var space = (await api.PersonalSpace()).Id();
        Assert.Equal("by name", await mia.GetStringAsync($"/dav/spaces/{space}/drive/b.txt"));
        // The team space of the personal space's name is its own folder; an unknown folder is not found.
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(Dav("PUT", "/dav/My%20files%20(2)/team.txt", "team"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mia.GetAsync("/dav/My%20files/team.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mia.SendAsync(Dav("PROPFIND", "/dav/Nowhere/", null, ("Depth", "0")))).StatusCode);

        // The folders follow the account's language, not the request's: the app and a drive client name them alike.
        var askedInPolish = await mia.SendAsync(Dav("PROPFIND", "/dav/", null, ("Depth", "1"), ("Accept-Language", "pl")));
        Assert.Contains("<D:href>/dav/My%20files/</D:href>", await askedInPolish.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/me/language", new { locale = "pl" })).StatusCode);
        Assert.Equal("Moje pliki", (await ListAsync(mia, "/dav/"))[1][5..^1]);
        Assert.Equal("by name", await mia.GetStringAsync("/dav/Moje%20pliki/drive/b.txt"));
    }
}
