using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TeamShare.IntegrationTests;

/// <summary>
/// The provider the integration tests run on. The test command runs them once on SQLite and once on a throwaway PostgreSQL
/// server (TEAMSHARE_TEST_PROVIDER=postgres, TEAMSHARE_TEST_POSTGRES = its admin connection string). A host's database
/// follows its data directory, so a host restarted on the same directory finds the same data, as in production.
/// </summary>
public static class TestDatabase
{
    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("TEAMSHARE_TEST_POSTGRES");
    public static bool OnPostgres => Environment.GetEnvironmentVariable("TEAMSHARE_TEST_PROVIDER") == "postgres";
    public static string Provider => OnPostgres ? "postgres" : "sqlite";

    public static string NameFor(string dataDirectory) =>
        "ts_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..20];

    /// <summary>
    /// The host's connection string for a data directory, creating its database on first use: empty, or as a copy of
    /// <paramref name="template"/> (a database that needs no connection while it is copied).
    /// </summary>
    public static string PostgresFor(string dataDirectory, string? template = null)
    {
        var admin = PostgresAdmin ?? throw new InvalidOperationException("TEAMSHARE_TEST_POSTGRES is not set.");
        var name = NameFor(dataDirectory);
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (exists.ExecuteScalar() is null)
        {
            // FILE_COPY: a copy of the files instead of writing every block to the WAL, about half the time for these small databases.
            var from = template is null ? "" : $" TEMPLATE \"{template}\" STRATEGY FILE_COPY";
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static void DropPostgres(string dataDirectory)
    {
        // Only this database's pool: clearing every pool made every other running test open its connections again.
        using (var own = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = NameFor(dataDirectory) }.ConnectionString))
            NpgsqlConnection.ClearPool(own);
        using var connection = new NpgsqlConnection(PostgresAdmin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{NameFor(dataDirectory)}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>
    /// A copy of a stopped host's SQLite database as one self-contained file (VACUUM INTO: whatever its write-ahead log still
    /// held), deleted when the test process ends: the migrated template new hosts start from (issue 26.5).
    /// </summary>
    public static string SnapshotSqlite(string dataDirectory)
    {
        var file = Path.Combine(Path.GetTempPath(), "teamshare-tests", $"migrated-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "teamshare.db")};Pooling=False"))
        {
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = $"VACUUM INTO '{file}'";
            vacuum.ExecuteNonQuery();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        return file;
    }

    /// <summary>A raw connection to a host's database, for tests that look under the API (stored hashes, a change made behind its back).</summary>
    public static async Task<DbConnection> OpenAsync(string dataDirectory)
    {
        DbConnection connection = OnPostgres
            ? new NpgsqlConnection(PostgresFor(dataDirectory))
            : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "teamshare.db")}");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs SQL with quoted identifiers (both providers read them) and an optional id parameter <c>@id</c>.</summary>
    public static async Task<object?> ScalarAsync(string dataDirectory, string sql, Guid? id = null)
    {
        await using var connection = await OpenAsync(dataDirectory);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is { } value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "id";
            // SQLite keeps EF's GUIDs as upper-case text; PostgreSQL as uuid.
            parameter.Value = OnPostgres ? value : value.ToString().ToUpperInvariant();
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteScalarAsync();
    }
}
