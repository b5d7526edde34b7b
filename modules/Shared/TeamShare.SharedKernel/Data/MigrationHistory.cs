using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace TeamShare.SharedKernel.Data;

/// <summary>
/// Which modules miss a migration, asked of every history table in one statement and without EF (issue 24, B10). Through EF
/// each module's context would build its model and its own services only to compare two lists of ids: most of a start on
/// a current database, which is every start but the first after an upgrade.
/// </summary>
public static class MigrationHistory
{
    public static string TableOf(string module) => $"__EFMigrationsHistory_{module}";

    /// <summary>The ids EF applies for this context type: its migrations are the classes marked with it, as EF finds them.</summary>
    public static IReadOnlyList<string> MigrationsOf(Type context) =>
        context.Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .ToList();

    /// <summary>The modules whose history lacks one of their migrations; every module when a history table is missing.</summary>
    public static async Task<IReadOnlySet<string>> BehindAsync(DbConnection connection, IReadOnlyCollection<IModuleDatabase> databases,
        CancellationToken ct)
    {
        var applied = new HashSet<(string Module, string Id)>();
        await using var command = connection.CreateCommand();
        command.CommandText = string.Join(" UNION ALL ",
            databases.Select(d => $"SELECT '{d.Module}', \"MigrationId\" FROM \"{TableOf(d.Module)}\""));
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add((reader.GetString(0), reader.GetString(1)));
        }
        catch (DbException e) when (IsMissingTable(e))
        {
            return databases.Select(d => d.Module).ToHashSet();
        }
        return databases.Where(d => d.Migrations.Any(id => !applied.Contains((d.Module, id)))).Select(d => d.Module).ToHashSet();
    }

    private static bool IsMissingTable(DbException e) =>
        e is SqliteException { SqliteErrorCode: 1 } sqlite && sqlite.Message.Contains("no such table", StringComparison.Ordinal)
        || e is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable };
}
