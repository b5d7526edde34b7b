using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using TeamShare.IntegrationTests;
using Xunit.Abstractions;

namespace TeamShare.BrowserTests;

/// <summary>
/// Issue 9: the documented move of an embedded installation to PostgreSQL (docs/scale-out.md) on a small data set: what a
/// member had (a signed-in browser, a token, a file, a link) works the same on the new deployment.
/// </summary>
public sealed partial class MoveToPostgresTests(ITestOutputHelper output)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [Fact]
    public async Task Scale_copy_database_moves_an_sqlite_installation_to_postgres_with_sessions_tokens_files_and_links_intact()
    {
        Assert.True(TestDatabase.PostgresAdmin is not null, "TEAMSHARE_TEST_POSTGRES is not set: run the tests with scripts/test.sh.");
        var target = Path.Combine(Path.GetTempPath(), "teamshare-move", Guid.NewGuid().ToString("N"));
        var blobs = Path.Combine(target, "blobs");
        KeyValuePair<string, string>[] postgres =
        [
            new("TeamShare__Database__Provider", "postgres"),
            new("ConnectionStrings__TeamShare", TestDatabase.PostgresFor(target)),
            new("TeamShare__BlobDirectory", blobs),
        ];
        var old = new TwoInstances.Instance([]);
        // Issue 27 L10: the keys come over encrypted with the embedded installation's certificate; copy-database puts it in the
        // target data directory, and the instances are told where it is.
        var moved = new TwoInstances.Instance(postgres.Append(new("TeamShare__SeedDemo", "false"))
            .Append(new("TeamShare__Keys__CertificatePath", Path.Combine(target, "keys-protection.pfx"))));
        try
        {
            await old.InitializeAsync();
            var cookies = new CookieContainer();
            var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(old.BaseUrl) };
            var form = FormToken().Match(await browser.GetStringAsync("/signin")).Groups[1].Value;
            Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "mia@acme.test", ["Password"] = "demo-Password1", ["__RequestVerificationToken"] = form,
            }))).StatusCode);
            var script = new HttpClient { BaseAddress = new Uri(old.BaseUrl) };
            var token = (await (await script.PostAsJsonAsync("/api/auth/tokens", new { email = "mia@acme.test", password = "demo-Password1", name = "move" })).Json())
                .GetProperty("token").GetString()!;
            script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(200_000);
            var item = (await script.UploadOk((await script.PersonalSpace()).Id(), "moved.bin", content)).Id();
            var link = new Uri((await script.ShareOk(new { itemIds = new[] { item }, previewLimit = 5 })).GetProperty("url").GetString()!).AbsolutePath;
            Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(old.BaseUrl + link + $"/items/{item}/download")).StatusCode);
            var wrong = new { email = "eve@acme.test", password = "wrong-Password1", name = "x" };
            Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient().PostAsJsonAsync(old.BaseUrl + "/api/auth/tokens", wrong)).StatusCode);
            old.KillHard();

            var (dll, directory) = HostProcess.HostBinary();
            var copy = new ProcessStartInfo("dotnet", [dll, "copy-database", "--from", old.DataDirectory, "--contentRoot", directory])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory,
            };
            copy.Environment["TeamShare__DataDirectory"] = target;
            copy.Environment["Logging__LogLevel__Default"] = "Warning";
            foreach (var (key, value) in postgres) copy.Environment[key] = value;
            using var process = Process.Start(copy)!;
            var printed = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            output.WriteLine(printed);
            Assert.True(process.ExitCode == 0, errors);
            Assert.Contains("key certificate: at", printed);

            await moved.InitializeAsync();
            var onMoved = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(moved.BaseUrl) };
            Assert.Contains("mia@acme.test", await onMoved.GetStringAsync("/api/me"));
            var scriptOnMoved = new HttpClient { BaseAddress = new Uri(moved.BaseUrl) };
            scriptOnMoved.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(content, await scriptOnMoved.GetByteArrayAsync($"/api/items/{item}/content"));
            Assert.Equal(content, await new HttpClient().GetByteArrayAsync(moved.BaseUrl + link + $"/items/{item}/download"));
            // The counter came along: 1 open before the move, 1 now.
            var share = (await (await scriptOnMoved.GetAsync("/api/shares")).Json()).GetProperty("items")[0];
            Assert.Equal(2, share.GetProperty("previewCount").GetInt32());
            // New rows get fresh ids (identity sequences moved past the copied ones): another sign-in failure is recorded, not a 500.
            Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient().PostAsJsonAsync(moved.BaseUrl + "/api/auth/tokens", wrong)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await scriptOnMoved.PostAsJsonAsync("/api/auth/tokens", new { email = "mark@acme.test", password = "demo-Password1", name = "after" })).StatusCode);
        }
        finally
        {
            await old.DisposeAsync();
            await moved.DisposeAsync();
            TestDatabase.DropPostgres(target);
            try { Directory.Delete(target, recursive: true); } catch (IOException) { }
        }
    }
}
