using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using TeamShare.IntegrationTests;
using Xunit.Abstractions;

namespace TeamShare.BrowserTests;

/// <summary>
/// Issue 23: a backup taken while 20 uploads run, the data directory wiped, the backup restored: every file acknowledged
/// before the backup began downloads byte for byte, with the same token, link and password as before, and check finds
/// every named content whole.
/// </summary>
[StartsEarly("One of the longest classes: backs up, restores and restarts hosts.")]
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private static Task<(int Exit, string Output)> RunAsync(string dataDirectory, params string[] args) =>
        HostProcess.RunCommandAsync(dataDirectory, args);

    [Fact]
    public async Task Issue23_a_backup_taken_during_uploads_restores_every_acknowledged_file_token_link_and_password()
    {
        var backup = Path.Combine(Path.GetTempPath(), "teamshare-backup", Guid.NewGuid().ToString("N"));
        var first = new HostProcess();
        await first.InitializeAsync();
        var data = first.DataDirectory;
        using var mia = await first.ApiAsync("mia@acme.test");
        var token = mia.DefaultRequestHeaders.Authorization!.Parameter!;
        var space = (await (await mia.GetAsync("/api/spaces")).Json())[0].Id();
        var before = new Dictionary<string, byte[]>();
        for (var i = 0; i < 5; i++)
        {
            var bytes = RandomNumberGenerator.GetBytes(200_000);
            before[(await (await mia.Upload(space, $"before-{i}.bin", new MemoryStream(bytes))).Json()).Id()] = bytes;
        }
        var share = await (await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { before.Keys.First() } })).Json();
        var link = share.GetProperty("url").GetString()!;
        // Sealed with the data-protection keys: it opens after the restore only if the keys came back and can be read.
        var qrCode = share.GetProperty("qrCode").GetProperty("url").GetString()!;
        // Issue 27 L10: the certificate that encrypts the keys is kept apart from backups, as the backup tells the operator.
        var keptApart = Path.Combine(Path.GetTempPath(), $"teamshare-key-{Guid.NewGuid():N}.pfx");
        File.Copy(Path.Combine(data, "keys-protection.pfx"), keptApart);

        // Twenty uploads in flight while the backup runs: it must stay consistent whatever they do.
        var during = Enumerable.Range(0, 20).Select(i => mia.Upload(space, $"during-{i}.bin", new MemoryStream(RandomNumberGenerator.GetBytes(500_000)))).ToList();
        var (exit, printed) = await RunAsync(data, "backup", backup);
        output.WriteLine(printed);
        Assert.True(exit == 0, printed);
        Assert.All(await Task.WhenAll(during), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await first.DisposeAsync(); // stops the server and wipes its data directory

        Assert.False(Directory.Exists(data));
        Assert.Empty(Directory.GetFiles(backup, "*.pfx", SearchOption.AllDirectories));
        Assert.Contains("key certificate: not copied", printed);
        (exit, printed) = await RunAsync(data, "restore", backup);
        Assert.True(exit == 0, printed);
        File.Move(keptApart, Path.Combine(data, "keys-protection.pfx"));
        var restored = new HostProcess { DataDirectory = data };
        try
        {
            await restored.InitializeAsync();
            (exit, printed) = await RunAsync(data, "check");
            output.WriteLine(printed);
            Assert.True(exit == 0, printed);

            using var sameToken = new HttpClient { BaseAddress = new Uri(restored.BaseUrl) };
            sameToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var (id, bytes) in before)
                Assert.Equal(bytes, await sameToken.GetByteArrayAsync($"/api/items/{id}/content"));
            var sameLink = link.Replace(new Uri(link).GetLeftPart(UriPartial.Authority), restored.BaseUrl);
            Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(sameLink)).StatusCode);
            var sameQrCode = qrCode.Replace(new Uri(qrCode).GetLeftPart(UriPartial.Authority), restored.BaseUrl);
            Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(sameQrCode)).StatusCode);
            using var signedIn = await restored.ApiAsync("mia@acme.test"); // the password too
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/spaces")).StatusCode);
        }
        finally
        {
            await restored.DisposeAsync();
            try { Directory.Delete(backup, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Issue 23 on PostgreSQL, as docs/operations.md says: pg_dump first, then the backup command (the blobs; keys live in the
    /// database there); everything gone; pg_restore into a new database, restore into a new blob directory, start: files,
    /// token, link and password as before.
    /// </summary>
    [Fact]
    public async Task Issue23_on_PostgreSQL_pg_dump_and_the_backup_command_restore_every_file_token_link_and_password()
    {
        Assert.True(TestDatabase.PostgresAdmin is not null, "TEAMSHARE_TEST_POSTGRES is not set: run the tests with scripts/test.sh.");
        var work = Path.Combine(Path.GetTempPath(), "teamshare-pg-backup", Guid.NewGuid().ToString("N"));
        string[] places = [Path.Combine(work, "before"), Path.Combine(work, "after")];
        KeyValuePair<string, string>[] On(string place) =>
        [
            new("TeamShare__Database__Provider", "postgres"), new("ConnectionStrings__TeamShare", TestDatabase.PostgresFor(place)),
            new("TeamShare__BlobDirectory", Path.Combine(place, "blobs")),
        ];
        var first = new TwoInstances.Instance(On(places[0]));
        await first.InitializeAsync();
        using var mia = await first.ApiAsync("mia@acme.test");
        var token = mia.DefaultRequestHeaders.Authorization!.Parameter!;
        var space = (await (await mia.GetAsync("/api/spaces")).Json())[0].Id();
        var files = new Dictionary<string, byte[]>();
        for (var i = 0; i < 3; i++)
        {
            var bytes = RandomNumberGenerator.GetBytes(100_000);
            files[(await (await mia.Upload(space, $"kept-{i}.bin", new MemoryStream(bytes))).Json()).Id()] = bytes;
        }
        var link = (await (await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { files.Keys.First() } })).Json()).GetProperty("url").GetString()!;

        var dump = Path.Combine(work, "teamshare.dump");
        Assert.Equal(0, await PgAsync("pg_dump", "-Fc", "-f", dump, Libpq(TestDatabase.PostgresFor(places[0]))));
        var backup = Path.Combine(work, "backup");
        var (exit, printed) = await HostProcess.RunCommandAsync(first.DataDirectory, On(places[0]), "backup", backup);
        output.WriteLine(printed);
        Assert.True(exit == 0, printed);
        Assert.Contains("pg_dump", printed);
        await first.DisposeAsync();
        TestDatabase.DropPostgres(places[0]);
        Directory.Delete(places[0], recursive: true);

        var settings = On(places[1]);
        Assert.Equal(0, await PgAsync("pg_restore", "--no-owner", "-d", Libpq(TestDatabase.PostgresFor(places[1])), dump));
        var after = Path.Combine(work, "after-data");
        (exit, printed) = await HostProcess.RunCommandAsync(after, settings, "restore", backup);
        Assert.True(exit == 0, printed);
        var restored = new TwoInstances.Instance(settings) { DataDirectory = after };
        try
        {
            await restored.InitializeAsync();
            using var sameToken = new HttpClient { BaseAddress = new Uri(restored.BaseUrl) };
            sameToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var (id, bytes) in files) Assert.Equal(bytes, await sameToken.GetByteArrayAsync($"/api/items/{id}/content"));
            var sameLink = link.Replace(new Uri(link).GetLeftPart(UriPartial.Authority), restored.BaseUrl);
            Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(sameLink)).StatusCode);
            using var signedIn = await restored.ApiAsync("mia@acme.test");
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/spaces")).StatusCode);
        }
        finally
        {
            await restored.DisposeAsync();
            TestDatabase.DropPostgres(places[1]);
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The connection string as libpq takes it (pg_dump and pg_restore do not read Npgsql's form).</summary>
    private static string Libpq(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
    }

    private async Task<int> PgAsync(string tool, params string[] args)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version()).Last();
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(bin, "bin", tool), args) { RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine($"{tool}: {errors}");
        return process.ExitCode;
    }
}
