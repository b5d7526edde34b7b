using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Data;

/// <summary>
/// SQLite gathers no statistics by itself, and without them its planner guesses: a 20-item folder in a team of 15 000 items
/// was listed through the team's index, reading and sorting every item of the team (~10 ms instead of ~0.1). So the
/// statistics are made at each start and kept up every hour with <c>PRAGMA optimize</c>, which analyses only tables that
/// were never analysed or changed size a lot since, each index read at most <see cref="RowsPerIndex"/> rows deep (a large
/// file costs milliseconds). PostgreSQL keeps its own (autovacuum).
/// </summary>
internal sealed class SqliteStatistics(IOptions<TeamShareOptions> options) : IRecurringJob
{
    public const string Id = "database-statistics";
    private const int RowsPerIndex = 1000;

    public Task RunAsync(CancellationToken ct) => UpdateAsync(options.Value, ct);

    public static async Task UpdateAsync(TeamShareOptions options, CancellationToken ct)
    {
        if (options.Database.IsPostgres) return;
        await using var connection = new SqliteConnection(ModuleDatabaseRegistration.SqliteConnectionString(options));
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // 0x10002: look at every table, not only those this connection used (it used none).
        command.CommandText = $"PRAGMA analysis_limit={RowsPerIndex}; PRAGMA optimize=0x10002;";
        // ANALYZE changes the schema's version: each pooled connection reads the new statistics at its next statement.
        await command.ExecuteNonQueryAsync(ct);
    }
}
