using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>Readiness flag for /health/ready: set once every module's migrations have run.</summary>
internal sealed class StartupState
{
    public volatile bool DatabaseReady;
}

internal static class DatabaseStartup
{
    /// <summary>WAL mode, then each module's migrations, then the demo seed when asked for. Safe to run on every start.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<TeamShareOptions>>().Value;
        Directory.CreateDirectory(options.FullDataDirectory);
        await using (var connection = new SqliteConnection(ModuleDatabaseRegistration.SqliteConnectionString(options)))
        {
            await connection.OpenAsync(ct);
            await using var pragma = connection.CreateCommand();
            // WAL lets readers run while one writer writes; it is a property of the file, so setting it once sticks.
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        foreach (var database in services.GetServices<IModuleDatabase>())
            await database.MigrateAsync(services, ct);

        if (options.SeedDemo)
        {
            await using var scope = services.CreateAsyncScope();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
                await seeder.SeedAsync(ct);
        }
        services.GetRequiredService<StartupState>().DatabaseReady = true;
    }
}
