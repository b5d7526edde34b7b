using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.SharedKernel.Data;

/// <summary>Something the host migrates at start: one per module DbContext.</summary>
public interface IModuleDatabase
{
    string Module { get; }
    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);
}

public static class ModuleDatabaseRegistration
{
    public static string SqliteConnectionString(TeamShareOptions options) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.FullDataDirectory, "teamshare.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

    /// <summary>Registers a module's own DbContext with its own migrations history table.</summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string module)
        where TContext : DbContext
    {
        // Pooled: the role check runs on every request and would otherwise build two contexts each time.
        services.AddDbContextPool<TContext>((sp, builder) =>
        {
            var options = sp.GetRequiredService<IOptions<TeamShareOptions>>().Value;
            builder.UseSqlite(SqliteConnectionString(options),
                sqlite => sqlite.MigrationsHistoryTable($"__EFMigrationsHistory_{module}"));
        });
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<TContext>(module));
        return services;
    }

    /// <summary>Options for design-time tools (dotnet ef) and tests that build a context by hand.</summary>
    public static DbContextOptions<TContext> DesignTimeOptions<TContext>(string module) where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>()
            .UseSqlite("Data Source=design-time.db",
                sqlite => sqlite.MigrationsHistoryTable($"__EFMigrationsHistory_{module}"))
            .Options;

    private sealed class ModuleDatabase<TContext>(string module) : IModuleDatabase where TContext : DbContext
    {
        public string Module => module;

        public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
