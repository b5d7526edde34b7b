using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.EntityFrameworkCore;
using TeamShare.Host.Data;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>
/// What every instance must share. Embedded: keys and job storage in the data directory (jobs in their own file, so Hangfire's
/// locks never block a request on the application's database). PostgreSQL: both in the shared database.
/// </summary>
internal static class SharedStores
{
    public static void AddDataProtectionKeys(this IServiceCollection services, IConfiguration configuration, TeamShareOptions options, bool serving)
    {
        var protection = services.AddDataProtection().SetApplicationName("TeamShare")
            // New keys encrypt with AES-256-GCM (an AEAD) instead of the default AES-256-CBC + HMAC-SHA256, which on Linux runs
            // as a managed encryptor building two algorithm objects per payload: a counted open's ticket and an outside
            // recipient's mail link each pay one (issue 24, B2 and B8). Payloads of older keys still open: each key names its algorithm.
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
        if (KeyProtection.Load(options, mayCreate: serving) is { } certificate)
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        if (options.Database.IsPostgres)
        {
            var connection = ModuleDatabaseRegistration.PostgresConnectionString(configuration);
            services.AddDbContext<KeysDbContext>(o =>
                o.UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable($"__EFMigrationsHistory_{KeysDbContext.Module}")));
            protection.PersistKeysToDbContext<KeysDbContext>();
        }
        else
        {
            // Keys live with the data, so sign-in cookies and printed QR codes survive a restart.
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.FullDataDirectory, "keys")));
        }
    }

    /// <summary>
    /// How soon a worker notices a job triggered right after a share (the mail of an invitation): both storages poll, 15 s by
    /// default, which left mail waiting that long (B8). One small indexed query a second per worker is nothing.
    /// </summary>
    private static readonly TimeSpan QueuePoll = TimeSpan.FromSeconds(1);

    public static void AddJobStorage(this IServiceCollection services, IConfiguration configuration, TeamShareOptions options)
    {
        // Hangfire's own registration answers JobStorage.Current, a process-wide static: with two hosts in one process (the
        // test suite runs dozens) a host could read, and enqueue into, the storage another host configured last, and fail once
        // that host is gone. Each host builds its storage once and registers it first (Hangfire only adds its own if absent).
        services.AddSingleton<JobStorage>(_ => CreateStorage(configuration, options));
        services.AddHangfire((provider, c) => c.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
    }

    private static JobStorage CreateStorage(IConfiguration configuration, TeamShareOptions options)
    {
        if (options.Database.IsPostgres)
        {
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = QueuePoll,
                // An instance killed while holding a storage lock (the recurring-job scheduler's, say) blocks the others
                // until the lock times out: one minute instead of ten, so the survivors' sweeps go on (issue 9's crash test
                // once lost 49 of 50 mails for five minutes under load). Our jobs are idempotent sweeps; none holds a lock long.
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            };
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(
                ModuleDatabaseRegistration.PostgresConnectionString(configuration), storageOptions), storageOptions);
        }
        Directory.CreateDirectory(options.FullDataDirectory);
        return new SQLiteStorage(Path.Combine(options.FullDataDirectory, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = QueuePoll });
    }
}
