using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Logging;

namespace TeamShare.IntegrationTests;

/// <summary>The real host in process, on its own SQLite file in a fresh data directory, with the demo teams seeded.</summary>
public class TeamShareFactory : WebApplicationFactory<Program>
{
    public const string Password = "demo-Password1";
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
    /// <summary>False for a host that a second host will restart on the same data directory.</summary>
    public bool DeleteDataOnDispose { get; init; } = true;
    public TestClock Clock { get; } = new();
    protected virtual long MaxUploadBytes => 1L << 30;
    /// <summary>Where mail goes; null writes .eml files into the data directory.</summary>
    public int? SmtpPort { get; init; }
    public int AnonymousPerMinute { get; init; } = 1_000_000;
    /// <summary>A DNS server (ip:port) for custom-domain verification; see <see cref="DnsServer"/>.</summary>
    public string? DnsServer { get; init; }
    public int CredentialPerMinute { get; init; } = 1_000_000;
    public ServerErrors Errors { get; } = new();
    /// <summary>Hash passwords at the server's own cost (210 000 rounds) instead of the suite's fast 1 000.</summary>
    public bool ServerPasswordHashing { get; init; }
    /// <summary>More settings for this host, by configuration key.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>
    /// On PostgreSQL, each host's database starts as a copy of one that every module's migrations ran on once in this test
    /// process (by the same start-up code, with nothing seeded): running them afresh on PostgreSQL took ~0.8 s of each of
    /// about a hundred hosts. Migrating an empty database is still what the copy was made by, and what the browser tests'
    /// instances do.
    /// </summary>
    private static readonly Lazy<string> MigratedPostgres = new(() =>
    {
        var directory = MigrateTemplate();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        // PostgreSQL copies a database only while nobody is connected to it.
        Npgsql.NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestDatabase.DropPostgres(directory);
        return TestDatabase.NameFor(directory);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// On SQLite the same, for the database file: every module's migrations ran afresh on each host's empty file cost ~0.5 s
    /// of CPU in each of about 150 hosts a pass, more than half of what starting one costs. Migrated once per test process,
    /// then copied into each new data directory before its host starts; the host finds a current database and seeds it.
    /// </summary>
    private static readonly Lazy<string> MigratedSqlite = new(() =>
    {
        var directory = MigrateTemplate();
        var template = TestDatabase.SnapshotSqlite(directory);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        return template;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Starts and stops a host on a new data directory with nothing seeded: every module migrated its empty database.</summary>
    private static string MigrateTemplate()
    {
        var factory = new TeamShareFactory { IsTemplate = true, DeleteDataOnDispose = false };
        factory.Settings["TeamShare:SeedDemo"] = "false";
        _ = factory.Server;
        factory.Dispose();
        return factory.DataDirectory;
    }

    private bool IsTemplate { get; init; }

    /// <summary>An empty database, as an operator's first start has it, instead of the suite's migrated template.</summary>
    public bool EmptyDatabase { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TeamShare:DataDirectory", DataDirectory);
        var fromTemplate = !IsTemplate && !EmptyDatabase;
        if (TestDatabase.OnPostgres)
        {
            builder.UseSetting("TeamShare:Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:TeamShare", TestDatabase.PostgresFor(DataDirectory, fromTemplate ? MigratedPostgres.Value : null));
        }
        else if (fromTemplate && Path.Combine(DataDirectory, "teamshare.db") is var file && !File.Exists(file))
        {
            Directory.CreateDirectory(DataDirectory);
            File.Copy(MigratedSqlite.Value, file);
        }
        foreach (var (key, value) in TestBlobs.Settings(DataDirectory)) builder.UseSetting(key, value);
        builder.UseSetting("TeamShare:SeedDemo", "true");
        builder.UseSetting("TeamShare:ScheduleJobs", "false");
        builder.UseSetting("TeamShare:Operators:0", "olivia@acme.test");
        // The chat listener stands in for a chat server on 127.0.0.1; every other inner address stays refused (issue 14 finding 5).
        builder.UseSetting("TeamShare:Outbound:AllowedNetworks:0", "127.0.0.1/32");
        if (SmtpPort is { } port)
        {
            builder.UseSetting("TeamShare:Smtp:Host", "127.0.0.1");
            builder.UseSetting("TeamShare:Smtp:Port", port.ToString());
        }
        builder.UseSetting("TeamShare:MaxUploadBytes", MaxUploadBytes.ToString());
        if (DnsServer is not null) builder.UseSetting("TeamShare:Outbound:DnsServers:0", DnsServer);
        // Every test speaks from the same address; RateLimitTests sets small limits and checks them.
        builder.UseSetting("TeamShare:RateLimits:AnonymousPerMinute", AnonymousPerMinute.ToString());
        builder.UseSetting("TeamShare:RateLimits:CredentialPerMinute", CredentialPerMinute.ToString());
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            // Hashing at the production cost (210 000 rounds) took minutes of each run's CPU in sign-ins and demo seeding;
            // the cost itself is pinned by a unit test, and everything else about passwords is the same code.
            if (!ServerPasswordHashing)
                services.Replace(ServiceDescriptor.Singleton(new TeamShare.SharedKernel.Security.PasswordHashing(iterations: 1_000)));
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    /// <summary>Runs SQL on the host's database (started first, so it is migrated and seeded); see <see cref="TestDatabase"/>.</summary>
    public Task<object?> SqlAsync(string sql, Guid? id = null)
    {
        _ = Server;
        return TestDatabase.ScalarAsync(DataDirectory, sql, id);
    }

    /// <summary>An API client for a demo account, authenticated by a personal access token like a script.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string password = Password)
    {
        var client = Client(cookies: false);
        var response = await client.PostAsJsonAsync("/api/auth/tokens", new { email, password, name = "tests" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Anonymous() => Client(cookies: false);

    /// <summary>A client that does not follow redirects and fails the test, with the host's exception, at any 500.</summary>
    public HttpClient Client(bool cookies = true) =>
        cookies ? CreateDefaultClient(new FailOnServerError(Errors), new CookieContainerHandler()) : CreateDefaultClient(new FailOnServerError(Errors));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!DeleteDataOnDispose) return;
        if (TestDatabase.OnPostgres) TestDatabase.DropPostgres(DataDirectory);
        TestBlobs.Delete(DataDirectory);
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* SQLite may still hold the file on a slow close */ }
    }

    public sealed record TokenResponse(string Token);

    /// <summary>The test server has no remote address; this lets a test speak as different client addresses.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value)) context.Connection.RemoteIpAddress = IPAddress.Parse(value!);
                await proceed();
            });
            next(app);
        };
    }
}
