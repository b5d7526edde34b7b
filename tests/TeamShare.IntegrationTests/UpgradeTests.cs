using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 23: a data directory made by the previous release (kept in tests/fixtures/upgrade, made by the product itself:
/// the demo seed, then a file with two versions, a password link, a drop box and a personal access token through its API)
/// opens on the current build with everything working. Each release adds the next fixture; a migration that loses or breaks
/// data fails here before an operator meets it.
/// </summary>
public sealed class UpgradeTests
{
    [SqliteFact]
    public async Task Issue23_a_data_directory_of_the_previous_release_opens_with_files_versions_links_tokens_and_passwords_working()
    {
        var fixtures = Path.Combine(SmtpServer.RepositoryRoot(), "tests", "fixtures", "upgrade");
        var made = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixtures, "cc14434.json"))).RootElement;
        string Made(params string[] path) => path.Aggregate(made, (e, p) => e.GetProperty(p)).GetString()!;
        var root = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await using (var archive = new GZipStream(File.OpenRead(Path.Combine(fixtures, "cc14434.tar.gz")), CompressionMode.Decompress))
            await TarFile.ExtractToDirectoryAsync(archive, root, overwriteFiles: false);
        using var host = new TeamShareFactory { DataDirectory = Path.Combine(root, "data") };

        // The personal access token made before the upgrade still works, and the file reads back with both versions.
        var mia = host.Client(cookies: false);
        mia.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Made("token"));
        Assert.Equal(Made("itemText"), await mia.GetStringAsync($"/api/items/{Made("item")}/content"));
        var versions = (await (await mia.GetAsync($"/api/items/{Made("item")}/versions")).Json()).EnumerateArray().ToList();
        Assert.Equal(2, versions.Count);
        // The password (hashed at the server's full cost before) still signs in.
        Assert.Equal(HttpStatusCode.Created, (await host.Anonymous().PostAsJsonAsync("/api/auth/tokens",
            new { email = "mia@acme.test", password = TeamShareFactory.Password, name = "after upgrade" })).StatusCode);

        // Links: My Shares shows them with their address again (the sealed tokens need the kept keys and certificate).
        var shares = await mia.GetStringAsync("/api/shares");
        Assert.Contains(Made("passwordLink", "token"), shares);
        var visitor = host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync($"/s/{Made("passwordLink", "token")}/items/{Made("item")}/download")).StatusCode);
        var unlock = new HttpRequestMessage(HttpMethod.Post, $"/s/{Made("passwordLink", "token")}/unlock")
        {
            Headers = { { "Accept", "application/json" } }, Content = JsonContent.Create(new { password = Made("passwordLink", "password") }),
        };
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.SendAsync(unlock)).StatusCode);
        Assert.Equal(Made("itemText"), await visitor.GetStringAsync($"/s/{Made("passwordLink", "token")}/items/{Made("item")}/download"));

        // The drop box made before quotas existed takes files, counted against the team's default limit.
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[1000]), "file", "after-upgrade.bin" } })
            Assert.Equal(HttpStatusCode.Created, (await host.Anonymous().PostAsync($"/s/{Made("dropBox", "token")}/upload", form)).StatusCode);
        var dropBox = await (await mia.GetAsync($"/api/shares/{Made("dropBox", "id")}")).Json();
        Assert.Equal(1000, dropBox.GetProperty("uploadedBytes").GetInt64());

        // What the new release added is there too: the storage console answers for the upgraded team.
        var olivia = await host.ClientForAsync("olivia@acme.test");
        var storage = await (await olivia.GetAsync("/api/admin/storage")).Json();
        Assert.True(storage.GetProperty("usedBytes").GetInt64() > 0);

        using var scope = host.Services.CreateScope();
        var check = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new TeamShare.Spaces.Contracts.CheckBlobs(false));
        Assert.True(check.Healthy);
    }

    [Fact]
    public async Task Issue24_B10_a_start_on_a_current_database_skips_the_migrator_and_keeps_every_row()
    {
        var directory = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        using (var first = new TeamShareFactory { DataDirectory = directory, DeleteDataOnDispose = false })
        {
            var mia = await first.ClientForAsync("mia@acme.test");
            await mia.UploadOk((await mia.PersonalSpace()).Id(), "kept.txt", "kept"u8.ToArray());
        }

        // EF's migrator says "No migrations were applied" (Information) on a current database; the start must not call it.
        var migrator = new MigratorLines();
        using var again = new TeamShareFactory { DataDirectory = directory };
        using var restarted = again.WithWebHostBuilder(b => b.ConfigureLogging(l =>
            l.AddProvider(migrator).AddFilter<MigratorLines>("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Information)));
        var client = restarted.CreateClient();
        var token = (await (await client.PostAsJsonAsync("/api/auth/tokens", new { email = "mia@acme.test", password = TeamShareFactory.Password, name = "t" }))
            .Json()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var listing = await client.GetStringAsync($"/api/spaces/{(await client.PersonalSpace()).Id()}/items");
        Assert.Contains("kept.txt", listing);
        Assert.Empty(migrator.Lines);
    }

    [Fact]
    public async Task Issue24_B10_one_statement_over_every_history_table_tells_which_modules_miss_a_migration()
    {
        using var host = new TeamShareFactory();
        _ = host.Server;
        var databases = host.Services.GetServices<TeamShare.SharedKernel.Data.IModuleDatabase>().ToList();
        Assert.All(databases, d => Assert.NotEmpty(d.Migrations));
        await using var connection = await TestDatabase.OpenAsync(host.DataDirectory);
        async Task Run(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
        Task<IReadOnlySet<string>> Behind() => TeamShare.SharedKernel.Data.MigrationHistory.BehindAsync(connection, databases, CancellationToken.None);

        Assert.Empty(await Behind());
        // The links module's latest migration forgotten: it alone is behind, and the start would run its migrator.
        var latest = databases.Single(d => d.Module == "links").Migrations.Max();
        await Run($"DELETE FROM \"{TeamShare.SharedKernel.Data.MigrationHistory.TableOf("links")}\" WHERE \"MigrationId\" = '{latest}'");
        Assert.Equal(["links"], await Behind());
        // A history table missing (a first start, or a module new in this release): every module is asked by EF's migrator.
        await Run($"DROP TABLE \"{TeamShare.SharedKernel.Data.MigrationHistory.TableOf("webhooks")}\"");
        Assert.Equal(databases.Select(d => d.Module).Order(), (await Behind()).Order());
    }

    [Fact]
    public void Issue24_B10_a_first_start_on_an_empty_database_logs_no_error()
    {
        // Not the suite's migrated template: an empty database, as an operator's first start has it.
        using var host = new TeamShareFactory { EmptyDatabase = true };
        _ = host.Server;
        Assert.True(host.Errors.Describe() == "(the host logged no exception)", host.Errors.Describe());
    }

    private sealed class MigratorLines : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string category) => new Logger(category, Lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => level >= LogLevel.Information && category.StartsWith("Microsoft.EntityFrameworkCore.Migrations");
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format)
            {
                if (IsEnabled(level)) lines.Enqueue(format(state, e));
            }
        }
    }
}
