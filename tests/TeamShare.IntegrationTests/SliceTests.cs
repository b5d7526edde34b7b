using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace TeamShare.IntegrationTests;

/// <summary>The foundation slice end to end: upload, list, download, share, open the link, download through it.</summary>
public sealed class SliceTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task LK1_a_share_link_opens_anonymously_as_json_and_html_and_downloads_the_same_bytes()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = await mia.PersonalSpace();
        var bytes = RandomNumberGenerator.GetBytes(5000);
        var item = await mia.UploadOk(space.Id(), "report.pdf", bytes);
        var share = await mia.ShareOk(new { itemIds = new[] { item.Id() }, remarks = "For the board" });

        var visitor = factory.Anonymous();
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var json = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/s/{token}") { Headers = { { "Accept", "application/json" } } });
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var view = await json.Json();
        Assert.Equal("For the board", view.GetProperty("remarks").GetString());
        Assert.Equal("report.pdf", view.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.True(view.GetProperty("permissions").GetProperty("download").GetBoolean());

        var html = await visitor.GetAsync($"/s/{token}");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("report.pdf", await html.Content.ReadAsStringAsync());
        Assert.Equal("no-referrer", html.Headers.GetValues("Referrer-Policy").Single());

        var download = await visitor.GetAsync($"/s/{token}/items/{item.Id()}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task LK11_link_token_carries_at_least_128_bits_and_the_database_keeps_its_sha256_never_the_token_in_clear()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = await mia.UploadOk((await mia.PersonalSpace()).Id(), "token-check.txt", "hello"u8.ToArray());
        var share = await mia.ShareOk(new { itemIds = new[] { item.Id() } });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);

        Assert.True(WebEncoders.Base64UrlDecode(token).Length * 8 >= 128);
        var stored = (byte[]?)await factory.SqlAsync("""SELECT "TokenHash" FROM "links_shares" WHERE "Id" = @id""", Guid.Parse(share.Id()));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored);
        // The token itself appears nowhere in the database files (main file and write-ahead log); a file scan is SQLite's to do.
        if (TestDatabase.OnPostgres) return;
        foreach (var file in Directory.GetFiles(factory.DataDirectory, "teamshare.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            Assert.DoesNotContain(token, Encoding.UTF8.GetString(memory.ToArray()));
        }
    }

    [Fact]
    public async Task SP2_a_zero_byte_file_uploads_and_downloads_empty()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = await mia.UploadOk((await mia.PersonalSpace()).Id(), "empty.txt", []);
        Assert.Equal(0, item.GetProperty("size").GetInt64());
        var content = await mia.GetAsync($"/api/items/{item.Id()}/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Empty(await content.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SP2_a_large_file_streams_up_and_down_unchanged()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var path = Path.Combine(factory.DataDirectory, "large-upload.bin");
        await using (var file = File.Create(path))
        {
            var chunk = new byte[1 << 20];
            for (var i = 0; i < 64; i++) { RandomNumberGenerator.Fill(chunk); await file.WriteAsync(chunk); }
        }
        byte[] expected;
        await using (var read = File.OpenRead(path)) expected = await SHA256.HashDataAsync(read);

        HttpResponseMessage response;
        await using (var upload = File.OpenRead(path))
            response = await mia.Upload((await mia.PersonalSpace()).Id(), "large.bin", upload);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Json();
        Assert.Equal(64L << 20, item.GetProperty("size").GetInt64());

        var download = await mia.GetAsync($"/api/items/{item.Id()}/content", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await download.Content.ReadAsStreamAsync();
        Assert.Equal(expected, await SHA256.HashDataAsync(body));
    }

    [Theory]
    [InlineData("a/b.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("bell\u0007.txt")]
    public async Task SP2_names_with_path_separators_dots_or_control_characters_are_refused_with_400(string name)
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var upload = await mia.Upload(space, name, new MemoryStream("x"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.True((await upload.Json()).GetProperty("errors").TryGetProperty("file", out _));

        var folder = await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name });
        Assert.Equal(HttpStatusCode.BadRequest, folder.StatusCode);
        Assert.True((await folder.Json()).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task SP2_a_name_clash_is_renamed_never_overwritten()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var first = await mia.UploadOk(space, "clash.txt", "one"u8.ToArray());
        var second = await mia.UploadOk(space, "clash.txt", "two"u8.ToArray());
        var third = await mia.UploadOk(space, "CLASH.txt", "three"u8.ToArray());
        Assert.Equal("clash (1).txt", second.GetProperty("name").GetString());
        Assert.Equal("CLASH (2).txt", third.GetProperty("name").GetString());
        Assert.Equal("one", await mia.GetStringAsync($"/api/items/{first.Id()}/content"));
    }

    [Fact]
    public async Task SP4_download_answers_range_requests_and_carries_an_etag()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = await mia.UploadOk((await mia.PersonalSpace()).Id(), "range.txt", "0123456789"u8.ToArray());
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/items/{item.Id()}/content");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(2, 5);
        var partial = await mia.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("2345", await partial.Content.ReadAsStringAsync());
        Assert.NotNull(partial.Headers.ETag);

        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/items/{item.Id()}/content");
        again.Headers.IfNoneMatch.Add(partial.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await mia.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task LK7_an_unknown_token_is_404_as_json_and_as_html()
    {
        var visitor = factory.Anonymous();
        var unknown = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var json = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/s/{unknown}") { Headers = { { "Accept", "application/json" } } });
        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not_found", (await json.Json()).GetProperty("reason").GetString());

        var html = await visitor.GetAsync($"/s/{unknown}");
        Assert.Equal(HttpStatusCode.NotFound, html.StatusCode);
        Assert.Contains("This link does not exist", await html.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/s/{unknown}/items/{Guid.NewGuid()}/download")).StatusCode);
    }

    [Theory]
    [InlineData("/api/spaces")]
    [InlineData("/api/me")]
    [InlineData("/api/items/3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    public async Task ID8_an_anonymous_call_to_a_private_route_is_401(string route)
    {
        var response = await factory.Anonymous().GetAsync(route);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ID8_a_made_up_bearer_token_is_401()
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "tsp_" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/api/no-such-route")]
    public async Task Unknown_routes_are_404_problems_for_everyone(string route)
    {
        var anonymous = await factory.Anonymous().GetAsync(route);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        var mia = await factory.ClientForAsync("mia@acme.test");
        var signedIn = await mia.GetAsync(route);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        Assert.Equal("application/problem+json", signedIn.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ID1_a_member_of_another_team_cannot_list_read_download_or_share_acme_items()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = await mia.PersonalSpace();
        var item = await mia.UploadOk(space.Id(), "acme-secret.txt", "secret"u8.ToArray());

        var gary = await factory.ClientForAsync("gary@globex.test");
        Assert.Equal(HttpStatusCode.NotFound, (await gary.GetAsync($"/api/items/{item.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gary.GetAsync($"/api/items/{item.Id()}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gary.GetAsync($"/api/spaces/{space.Id()}/items")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gary.DeleteAsync($"/api/items/{item.Id()}")).StatusCode);
        var upload = await gary.Upload(space.Id(), "intruder.txt", new MemoryStream("x"u8.ToArray()));
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        var share = await gary.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item.Id() } });
        Assert.Equal(HttpStatusCode.BadRequest, share.StatusCode);
        var spaces = await (await gary.GetAsync("/api/spaces")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Acme", spaces);
    }
}
