using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using TeamShare.Host.Data;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>Readiness flag for /health/ready: set once every module's migrations have run.</summary>
internal sealed class StartupState
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool DatabaseReady => _ready.Task.IsCompleted;

    /// <summary>Completes once the migrations ran: what waits for the database awaits this instead of polling the flag.</summary>
    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}

internal static class DatabaseStartup
{
    /// <summary>Any constant both instances agree on: the PostgreSQL advisory lock that lets one instance migrate at a time.</summary>
    private const long MigrationLock = 0x5465616d5368;

    /// <summary>Each module's migrations, then the demo seed when asked for. Safe to run on every start, and on several instances at once.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<TeamShareOptions>>().Value;
        Directory.CreateDirectory(options.FullDataDirectory);
        Directory.CreateDirectory(options.FullBlobDirectory);
        // The demo seed stores files: the store (a directory, a bucket) is made ready first.
        await services.GetRequiredService<IContentStore>().PrepareAsync(ct);
        if (options.Database.IsPostgres)
        {
            // Two instances starting at the same moment: the first migrates and seeds, the other waits here, then finds nothing to do.
            await using var connection = new NpgsqlConnection(ModuleDatabaseRegistration.PostgresConnectionString(services.GetRequiredService<IConfiguration>()));
            await OpenWithinAsync(connection, TimeSpan.FromSeconds(options.Database.StartWaitSeconds), ct);
            // No command timeout: the first instance may take longer than 30 s to migrate, and the others wait for it.
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", connection) { CommandTimeout = 0 })
                await take.ExecuteNonQueryAsync(ct);
            try
            {
                await using (var scope = services.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<KeysDbContext>().Database.MigrateWhenBehindAsync(ct);
                await MigrateAndSeedAsync(services, options, connection, ct);
            }
            finally
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLock})", connection);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        else
        {
            await using (var connection = new SqliteConnection(ModuleDatabaseRegistration.SqliteConnectionString(options)))
            {
                await connection.OpenAsync(ct);
                await using (var pragma = connection.CreateCommand())
                {
                    // WAL lets readers run while one writer writes; it is a property of the file, so setting it once sticks.
                    pragma.CommandText = "PRAGMA journal_mode=WAL;";
                    await pragma.ExecuteNonQueryAsync(ct);
                }
                await MigrateAndSeedAsync(services, options, connection, ct);
            }
            await SqliteStatistics.UpdateAsync(options, ct);
        }
        services.GetRequiredService<StartupState>().MarkReady();
    }

    /// <summary>Retries while the server cannot be reached (not while it refuses: a wrong password will not get better).</summary>
    private static async Task OpenWithinAsync(NpgsqlConnection connection, TimeSpan wait, CancellationToken ct)
    {
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                await connection.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException e) when (e is not PostgresException && DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private static async Task MigrateAndSeedAsync(IServiceProvider services, TeamShareOptions options, System.Data.Common.DbConnection connection,
        CancellationToken ct)
    {
        var databases = services.GetServices<IModuleDatabase>().ToList();
        var behind = await MigrationHistory.BehindAsync(connection, databases, ct);
        foreach (var database in databases)
            await database.MigrateAsync(services, behind.Contains(database.Module), ct);

        if (options.SeedDemo)
        {
            await using var scope = services.CreateAsyncScope();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
                await seeder.SeedAsync(ct);
        }
    }
}
