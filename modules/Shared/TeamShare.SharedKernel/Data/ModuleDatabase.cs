using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using TeamShare.SharedKernel.Caching;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.SharedKernel.Data;

/// <summary>Something the host migrates at start: one per module DbContext.</summary>
public interface IModuleDatabase
{
    string Module { get; }
    /// <summary>The ids of this module's migrations for the configured provider.</summary>
    IReadOnlyList<string> Migrations { get; }
    /// <summary>Applies the missing migrations when <paramref name="behind"/> (<see cref="MigrationHistory"/> asked), and
    /// what every start installs besides (PostgreSQL's change-feed triggers).</summary>
    Task MigrateAsync(IServiceProvider services, bool behind, CancellationToken cancellationToken);
    Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken);
    /// <summary>Copies every row of this module from an embedded SQLite database into the configured (empty) one.</summary>
    Task<int> CopyFromSqliteAsync(IServiceProvider services, string sqliteConnectionString, CancellationToken cancellationToken);
    /// <summary>How many notifications wait to be published and since when; null for a module that stages none.</summary>
    Task<(int Count, DateTime? Oldest)?> PendingNotificationsAsync(IServiceProvider services, CancellationToken cancellationToken);
}

public static class Migrations
{
    /// <summary>
    /// Runs EF's migrator only when a migration is missing. On a current database (every start but the first after an
    /// upgrade) two small queries answer it; the migrator would first build and compare the snapshot's model, which was
    /// most of a start's time (issue 24, B10).
    /// </summary>
    public static async Task MigrateWhenBehindAsync(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, CancellationToken ct)
    {
        // A first start on PostgreSQL: the history table is made before EF looks at it. EF finds out whether it exists by
        // reading it, and logs that failed read as an error, which an operator would take for a fault (efcore.pg #3407).
        if (database.IsNpgsql())
        {
            var table = RelationalOptionsExtension.Extract(database.GetService<IDbContextOptions>()).MigrationsHistoryTableName
                        ?? HistoryRepository.DefaultTableName;
            var exists = await database.SqlQuery<bool>(
                $"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = {table}) AS \"Value\"")
                .SingleAsync(ct);
            if (!exists) await database.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }
        var applied = await database.GetAppliedMigrationsAsync(ct);
        if (database.GetMigrations().Except(applied).Any()) await database.MigrateAsync(ct);
    }
}

public static class ModuleDatabaseRegistration
{
    public const string ConnectionStringName = "TeamShare";

    public static string SqliteConnectionString(TeamShareOptions options) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.FullDataDirectory, "teamshare.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

    public static string PostgresConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                "TeamShare:Database:Provider is postgres but ConnectionStrings:TeamShare (ConnectionStrings__TeamShare) is not set.");

    public static DatabaseOptions DatabaseOf(IConfiguration configuration) =>
        configuration.GetSection($"{TeamShareOptions.Section}:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary>
    /// Registers a module's own DbContext with its own migrations history table. The same model runs on both providers;
    /// <typeparamref name="TPostgres"/> only gives PostgreSQL its own migrations (EF finds a context's migrations by its type).
    /// </summary>
    /// <param name="watched">The module holds what a link open reads (issue 24): its commits are told to the
    /// <see cref="ChangeFeed"/>, on PostgreSQL by triggers on its tables too.</param>
    public static IServiceCollection AddModuleDbContext<TContext, TPostgres>(this IServiceCollection services, IConfiguration configuration,
        string module, bool watched = false) where TContext : DbContext where TPostgres : TContext
    {
        var postgres = DatabaseOf(configuration).IsPostgres;
        if (watched) services.AddChangeFeed(configuration);
        // Pooled: the role check runs on every request and would otherwise build two contexts each time.
        if (postgres)
        {
            var connection = PostgresConnectionString(configuration);
            services.AddDbContextPool<TContext, TPostgres>((sp, builder) => Watch(UsePostgres(builder, connection, module), sp, watched));
        }
        else
        {
            services.AddDbContextPool<TContext>((sp, builder) =>
                Watch(UseSqlite(builder, SqliteConnectionString(sp.GetRequiredService<IOptions<TeamShareOptions>>().Value), module), sp, watched));
        }
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<TContext>(module, watched, postgres,
            MigrationHistory.MigrationsOf(postgres ? typeof(TPostgres) : typeof(TContext))));
        return services;
    }

    private static DbContextOptionsBuilder Watch(DbContextOptionsBuilder builder, IServiceProvider services, bool watched) =>
        watched ? builder.AddInterceptors(services.GetRequiredService<ChangeFeedInterceptor>()) : builder;

    /// <summary>The feed every watched module tells (once per host), and on PostgreSQL its listener.</summary>
    private static void AddChangeFeed(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(ChangeFeed))) return;
        var postgres = DatabaseOf(configuration).IsPostgres;
        services.AddSingleton(new ChangeFeed(trusted: !postgres));
        services.AddSingleton<ChangeFeedInterceptor>();
        if (postgres)
            services.AddHostedService(sp => new PostgresChangeListener(sp.GetRequiredService<ChangeFeed>(), PostgresConnectionString(configuration),
                sp.GetRequiredService<ILogger<PostgresChangeListener>>()));
    }

    private static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder builder, string connection, string module) =>
        WithoutModelCheck(builder.UseSqlite(connection, sqlite => sqlite.MigrationsHistoryTable(MigrationHistory.TableOf(module))))
            .AddInterceptors(SqliteConnectionSetup.Instance)
#pragma warning disable EF1001 // see SqliteConnectionWithoutFunctions
            .ReplaceService<ISqliteRelationalConnection, SqliteConnectionWithoutFunctions>();
#pragma warning restore EF1001

    private static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder builder, string connection, string module) =>
        WithoutModelCheck(builder.UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable(MigrationHistory.TableOf(module))));

    /// <summary>
    /// Before migrating, EF compares the model with the last migration's snapshot, building both (~40 ms a module on a first
    /// start, B10). MigrationTests makes that comparison for every context on every change, so the server need not.
    /// </summary>
    private static DbContextOptionsBuilder WithoutModelCheck(DbContextOptionsBuilder builder) =>
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>Options for design-time tools (dotnet ef) and tests that build a context by hand.</summary>
    public static DbContextOptions<TContext> DesignTimeOptions<TContext>(string module) where TContext : DbContext =>
        (DbContextOptions<TContext>)UseSqlite(new DbContextOptionsBuilder<TContext>(), "Data Source=design-time.db", module).Options;

    /// <summary>PostgreSQL design-time options: migrations are generated without a server, so the connection is never opened.</summary>
    public static DbContextOptions<TContext> DesignTimePostgresOptions<TContext>(string module) where TContext : DbContext =>
        (DbContextOptions<TContext>)UsePostgres(new DbContextOptionsBuilder<TContext>(), "Host=design-time;Database=teamshare", module).Options;

    private sealed class ModuleDatabase<TContext>(string module, bool watched, bool postgres, IReadOnlyList<string> migrations)
        : IModuleDatabase where TContext : DbContext
    {
        public string Module => module;
        public IReadOnlyList<string> Migrations => migrations;

        public async Task MigrateAsync(IServiceProvider services, bool behind, CancellationToken cancellationToken)
        {
            // A current module on SQLite has nothing to do: its context is not even made (B10).
            if (!behind && !(watched && postgres)) return;
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            if (behind) await db.Database.MigrateWhenBehindAsync(cancellationToken);
            if (watched) await ChangeFeedTriggers.InstallAsync(db, cancellationToken);
        }

        public async Task<int> CopyFromSqliteAsync(IServiceProvider services, string sqliteConnectionString, CancellationToken cancellationToken)
        {
            var options = (DbContextOptions<TContext>)UseSqlite(new DbContextOptionsBuilder<TContext>(), sqliteConnectionString, module).Options;
            await using var source = (TContext)Activator.CreateInstance(typeof(TContext), options)!;
            // An older installation is brought to this version's schema first, so both sides have the same model.
            await source.Database.MigrateAsync(cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var target = scope.ServiceProvider.GetRequiredService<TContext>();
            return await DatabaseCopy.CopyAsync(source, target, cancellationToken);
        }

        public async Task<(int Count, DateTime? Oldest)?> PendingNotificationsAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            if (db.Model.FindEntityType(typeof(PendingNotification)) is null) return null;
            var pending = db.Set<PendingNotification>().AsNoTracking();
            return (await pending.CountAsync(cancellationToken), await pending.MinAsync(n => (DateTime?)n.CreatedAt, cancellationToken));
        }

        public async Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TContext>().Database.CanConnectAsync(cancellationToken);
        }
    }
}
