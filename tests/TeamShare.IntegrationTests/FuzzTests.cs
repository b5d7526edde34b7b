using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 14, item 4: 10 000 seeded, reproducible requests over every route and method of the OpenAPI document, with wrong
/// types, huge, empty and control-character strings, bad GUIDs and tokens, path traversal, malformed JSON, wrong content
/// types and bad multipart bodies, as an anonymous visitor, a member and an admin. No answer may be a 5xx or carry exception
/// text, and afterwards the database is intact and every stored file still matches its hash.
/// </summary>
[StartsEarly("One of the longest classes: 10 000 requests.")]
public sealed partial class FuzzTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private const int Seed = 20261202;
    private const int Requests = 10_000;

    private sealed record Route(string Method, string Template, IReadOnlyList<string> Query, bool HasBody);

    [Fact]
    public async Task Ten_thousand_hostile_requests_get_no_5xx_no_exception_text_and_leave_the_data_intact()
    {
        var anonymous = factory.Client(cookies: false);
        var mia = await factory.ClientForAsync("mia@acme.test");
        var adam = await factory.ClientForAsync("adam@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var item = (await mia.UploadOk(space, "fuzz-target.txt", "keep me"u8.ToArray())).Id();
        var routes = RoutesOf(await anonymous.GetStringAsync("/openapi/v1.json"));
        Assert.True(routes.Count > 40, $"only {routes.Count} routes in the OpenAPI document");

        var random = new Random(Seed);
        var values = new Values(random, [space, item]);
        var clients = new[] { anonymous, mia, adam };
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        for (var n = 0; n < Requests && failures.Count < 10; n++)
        {
            var route = routes[random.Next(routes.Count)];
            var request = Build(route, values, random);
            var description = Trim($"#{n} {request.Method} {request.RequestUri}");
            HttpResponseMessage response;
            try { response = await clients[random.Next(clients.Length)].SendAsync(request); }
            // A NUL in the path: the in-process test server will not carry it (Kestrel answers such a request 400 itself).
            catch (InvalidOperationException e) when (e.Message.Contains("null characters")) { continue; }
            catch (Exception e) { failures.Add($"{description}: threw {e.GetType().Name}: {Trim(e.Message)}"); continue; }
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500) failures.Add($"{description}: {(int)response.StatusCode} {Trim(body)}");
            else if (ExceptionText().IsMatch(body)) failures.Add($"{description}: exception text in {Trim(body)}");
        }
        Assert.True(failures.Count == 0, $"seed {Seed}, {watch.Elapsed.TotalSeconds:F0} s:\n" + string.Join("\n", failures));

        await AssertDataIntactAsync();
    }

    private async Task AssertDataIntactAsync()
    {
        using var scope = factory.Services.CreateScope();
        var spaces = scope.ServiceProvider.GetRequiredService<TeamShare.Spaces.Data.SpacesDbContext>();
        if (!TestDatabase.OnPostgres)
        {
            var check = await spaces.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync();
            Assert.Equal(["ok"], check);
        }
        var hashes = await spaces.Versions.AsNoTracking().Select(v => v.ContentSha256).Distinct().ToListAsync();
        Assert.NotEmpty(hashes);
        foreach (var hash in hashes)
        {
            var path = TestBlobs.PathOf(factory.DataDirectory, hash);
            Assert.True(File.Exists(path), $"blob {hash} is missing");
            await using var file = File.OpenRead(path);
            Assert.Equal(hash, Convert.ToHexStringLower(await SHA256.HashDataAsync(file)));
        }
    }

    private static List<Route> RoutesOf(string openApi)
    {
        using var document = JsonDocument.Parse(openApi);
        var routes = new List<Route>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var query = operation.Value.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                : [];
            routes.Add(new Route(operation.Name.ToUpperInvariant(), path.Name, query, operation.Value.TryGetProperty("requestBody", out _)));
        }
        return routes;
    }

    private static HttpRequestMessage Build(Route route, Values values, Random random)
    {
        var path = PathParameter().Replace(route.Template, _ => Uri.EscapeDataString(values.Any()));
        var query = string.Join("&", route.Query.Where(_ => random.Next(3) > 0).Select(q => $"{q}={Uri.EscapeDataString(values.Any())}"));
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path + (query.Length > 0 ? "?" + query : ""));
        if (route.HasBody || random.Next(10) == 0) request.Content = values.Body();
        if (random.Next(20) == 0) request.Headers.TryAddWithoutValidation("Accept", values.Any());
        return request;
    }

    private static string Trim(string body) => body.Length > 300 ? body[..300] : body;

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    // What leaks from an unhandled exception: a stack frame or an exception type name.
    [GeneratedRegex(@"\s+at [A-Za-z_.]+\.[A-Za-z_<>]+\(|[A-Za-z.]+Exception\b(?!s)")]
    private static partial Regex ExceptionText();

    /// <summary>The hostile values, drawn from one seeded <see cref="Random"/> so a failure is reproducible.</summary>
    private sealed class Values(Random random, string[] known)
    {
        private static readonly string[] Nasty =
        [
            "", " ", "%20", "0", "-1", "2147483648", "99999999999999999999999", "1e309", "NaN", "true", "null", "[]", "{}",
            "00000000-0000-0000-0000-000000000000", "not-a-guid", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f",
            "\0", "a\0b", "\r\nSet-Cookie: x=y", "\u202e\u0000\u0007", "<script>alert(1)</script>", "' OR 1=1 --", "😀🚀",
            "tsp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "viewer", "editor", "owner",
            "user", "department", "organisation", "external", "anyone", "team", "invited", "a.@example.org", "x@y", "mia@acme.test",
        ];

        public string Any() => random.Next(10) switch
        {
            0 or 1 => known[random.Next(known.Length)],
            2 => RandomGuid().ToString(),
            3 => new string((char)random.Next(32, 0x2FFF), random.Next(1, 5000)),
            4 => new string('a', random.Next(20_000, 100_000)),
            _ => Nasty[random.Next(Nasty.Length)],
        };

        public HttpContent Body()
        {
            var kind = random.Next(8);
            HttpContent content = kind switch
            {
                0 => new StringContent("{\"name\":", Encoding.UTF8),
                1 => new StringContent(JsonValue(3), Encoding.UTF8),
                2 => new StringContent(JsonObject(), Encoding.UTF8),
                3 => new ByteArrayContent(RandomBytes()),
                4 => new StringContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + Any().Replace("\"", "") + "\"\r\n\r\n" + Any(), Encoding.UTF8),
                5 => new FormUrlEncodedContent(new Dictionary<string, string> { [Any() is var key && key.Length > 20 ? key[..20] : key + "k"] = Any() }),
                _ => new StringContent(JsonObject(), Encoding.UTF8),
            };
            content.Headers.ContentType = (kind, random.Next(6)) switch
            {
                (4, _) => MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b"),
                (_, 0) => MediaTypeHeaderValue.Parse("text/plain"),
                (_, 1) => MediaTypeHeaderValue.Parse("application/json; charset=bogus"),
                (_, 2) => MediaTypeHeaderValue.Parse("multipart/form-data"),
                (5, _) => MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded"),
                _ => MediaTypeHeaderValue.Parse("application/json"),
            };
            return content;
        }

        private Guid RandomGuid()
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }

        private byte[] RandomBytes()
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            return bytes;
        }

        private static readonly string[] Fields =
        [
            "name", "email", "password", "displayName", "role", "itemIds", "recipients", "kind", "id", "url", "message", "parentId",
            "expiresAt", "previewLimit", "allowUpload", "allowDownload", "allowEdit", "allowPreview", "audience", "settings", "channels",
            "linkRestricted", "isActive", "dailyCap", "customDomain", "q", "content", "userId", "memberIds", "externalExpiryDays",
        ];

        private string JsonObject()
        {
            var fields = Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"{JsonSerializer.Serialize(Fields[random.Next(Fields.Length)])}:{JsonValue(2)}");
            return "{" + string.Join(",", fields) + "}";
        }

        private string JsonValue(int depth) => random.Next(depth <= 0 ? 6 : 9) switch
        {
            0 => "null",
            1 => random.Next(2) == 0 ? "true" : "false",
            2 => random.Next(4) switch { 0 => "-1", 1 => "1e400", 2 => "99999999999999999999", _ => random.Next().ToString() },
            3 or 4 or 5 => JsonSerializer.Serialize(Any()),
            6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => JsonValue(depth - 1))) + "]",
            _ => JsonObject(),
        };
    }
}
