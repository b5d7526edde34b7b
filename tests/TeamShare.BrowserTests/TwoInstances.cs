using TeamShare.IntegrationTests;

namespace TeamShare.BrowserTests;

/// <summary>
/// Two real TeamShare processes on one PostgreSQL database (the test command's throwaway server) and one blob directory, each
/// with its own data directory and job server, and a real SMTP server: a deployment behind a load balancer, minus the balancer.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private readonly string _shared = Path.Combine(Path.GetTempPath(), "teamshare-two", Guid.NewGuid().ToString("N"));
    public SmtpServer Smtp { get; } = new();
    public Instance A { get; private set; } = null!;
    public Instance B { get; private set; } = null!;

    public sealed class Instance(IEnumerable<KeyValuePair<string, string>> settings) : HostProcess
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings() => settings;
    }

    public async Task InitializeAsync()
    {
        Assert.True(TestDatabase.PostgresAdmin is not null, "TEAMSHARE_TEST_POSTGRES is not set: run the tests with scripts/test.sh.");
        Smtp.Start();
        KeyValuePair<string, string>[] settings =
        [
            new("TeamShare__Database__Provider", "postgres"),
            new("ConnectionStrings__TeamShare", TestDatabase.PostgresFor(_shared)),
            new("TeamShare__BlobDirectory", Path.Combine(_shared, "blobs")),
            new("TeamShare__Smtp__Host", "127.0.0.1"),
            new("TeamShare__Smtp__Port", Smtp.Port.ToString()),
            // A killed instance's claimed mails wait for its lease; 20 s instead of 2 minutes keeps the crash test short.
            new("TeamShare__OutboxLeaseSeconds", "20"),
        ];
        A = new Instance(settings);
        B = new Instance(settings);
        // Started together: one migrates and seeds, the other waits for it (advisory lock) and finds nothing to do.
        await Task.WhenAll(A.InitializeAsync(), B.InitializeAsync());
    }

    /// <summary>Outbox mails neither sent nor failed yet: once it is zero, every mail was handed to SMTP and recorded.</summary>
    public async Task<long> UnsettledMailAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.PostgresFor(_shared));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM "invitations_outbox" WHERE "SentAt" IS NULL AND "FailedAt" IS NULL""", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Smtp.Dispose();
        TestDatabase.DropPostgres(_shared);
        try { Directory.Delete(_shared, recursive: true); } catch (IOException) { }
    }
}
