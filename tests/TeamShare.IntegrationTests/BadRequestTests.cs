using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 14 finding 8: inputs that answered 500 now get a clear 4xx problem.</summary>
public sealed class BadRequestTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task SH1_a_null_recipient_is_a_400_naming_it()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "null-recipient.txt", "x"u8.ToArray())).Id();
        var response = await mia.PostAsync($"/api/items/{item}/invitations",
            new StringContent("""{"recipients":[null],"role":"viewer"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("recipients[0]", out _));
    }

    [Theory]
    [InlineData("/api/auth/tokens")]
    [InlineData("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/unlock")]
    [InlineData("/api/shares")]
    public async Task A_body_in_an_unknown_charset_is_a_415_problem(string path)
    {
        var client = path.StartsWith("/api/shares") ? await factory.ClientForAsync("mia@acme.test") : factory.Anonymous();
        var content = new ByteArrayContent("""{"email":"mia@acme.test","password":"x","name":"x"}"""u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=bogus");
        var response = await client.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Issue27_L11_addresses_over_rfc_5321_lengths_are_refused_naming_the_field()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"long-{Guid.NewGuid():N}.txt", "x"u8.ToArray())).Id();
        foreach (var email in new[] { new string('a', 65) + "@example.org", "a@" + string.Join(".", Enumerable.Repeat(new string('b', 60), 5)) + ".org" })
        {
            var invited = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
            {
                recipients = new[] { new { kind = "external", email } }, role = "viewer", acknowledgeExternal = true,
            });
            Assert.Equal(HttpStatusCode.BadRequest, invited.StatusCode);
            Assert.True((await invited.Json()).GetProperty("errors").TryGetProperty("recipients[0]", out _));
            var olivia = await factory.ClientForAsync("olivia@acme.test");
            var member = await olivia.PostAsJsonAsync("/api/admin/members", new { email, displayName = "Long Address", password = TeamShareFactory.Password });
            Assert.Equal(HttpStatusCode.BadRequest, member.StatusCode);
            Assert.True((await member.Json()).GetProperty("errors").TryGetProperty("email", out _));
        }
    }

    [Theory]
    [InlineData("utf-7", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("\"utf-7\"", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("x-unknown-charset", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("utf-32", HttpStatusCode.Unauthorized)]
    [InlineData("utf-16", HttpStatusCode.Unauthorized)]
    public async Task Issue27_L1_a_json_body_in_utf7_is_a_415_and_charsets_dotnet_reads_are_read(string charset, HttpStatusCode expected)
    {
        var encoding = charset.StartsWith("utf-32") ? Encoding.UTF32 : charset.StartsWith("utf-16") ? Encoding.Unicode : Encoding.UTF8;
        var content = new ByteArrayContent(encoding.GetBytes("""{"email":"nobody@acme.test","password":"wrong-password","name":"x"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
        var response = await factory.Anonymous().PostAsync("/api/auth/tokens", content);
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("/s/%20")]
    [InlineData("/q/%20")]
    [InlineData("/x/%20")]
    [InlineData("/s/%20/items/00000000-0000-0000-0000-000000000001/download")]
    public async Task A_blank_link_token_is_not_found(string path)
    {
        var response = await factory.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string, string> MalformedMultipart => new()
    {
        { "no closing boundary", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.txt\"\r\n\r\nhello" },
        { "CR/LF in the file name", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\r\nb.txt\"\r\n\r\nhello\r\n--b--\r\n" },
        { "a 17 KB part header", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + new string('a', 17_000) + ".txt\"\r\n\r\nhello\r\n--b--\r\n" },
        { "no header end", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"" },
        { "nothing after the boundary", "--b" },
    };

    [Theory]
    [MemberData(nameof(MalformedMultipart))]
    public async Task SP2_a_malformed_multipart_upload_is_a_400_and_stores_nothing(string why, string body)
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"drop-{Guid.NewGuid():N}" })).Json()).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { folder }, allowUpload = true })).GetProperty("url").GetString()!);
        foreach (var (client, url) in new[] { (mia, $"/api/spaces/{space}/files?parentId={folder}"), (factory.Anonymous(), $"/s/{token}/upload") })
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
            var response = await client.PostAsync(url, content);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why} on {url}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Empty((await (await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}")).Json()).EnumerateArray());
    }

    [Fact]
    public async Task ID2_a_display_name_with_a_line_break_is_refused_so_mail_headers_cannot_be_cut()
    {
        var admin = await factory.ClientForAsync("adam@acme.test");
        var response = await admin.PostAsJsonAsync("/api/admin/members",
            new { email = $"crlf-{Guid.NewGuid():N}@acme.test", displayName = "Eve\r\nBcc: all@example.org" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("displayName", out _));
    }

    [Theory]
    [InlineData("/api/directory/search?q=a%00b")]
    [InlineData("/api/admin/activity?kind=%00")]
    public async Task A_nul_character_in_the_query_is_a_400_on_every_database(string url)
    {
        var admin = await factory.ClientForAsync("adam@acme.test");
        var response = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_nul_character_in_a_json_string_is_a_400_naming_the_field()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var response = await mia.PostAsync($"/api/spaces/{(await mia.PersonalSpace()).Id()}/folders",
            new StringContent("""{"name":"a\u0000b"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("name", out _));
    }
}
