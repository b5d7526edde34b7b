using System.Text;
using Microsoft.EntityFrameworkCore;

namespace TeamShare.SharedKernel.Data;

/// <summary>
/// Rows appended many at a time by a background batch (link uses, their activity rows): one multi-row INSERT per 100 rows
/// instead of EF's change tracking and, on SQLite, one command per row (issue 24: those two inserts per link open took as
/// much of the core as serving the opens). Values go as parameters through EF's own type mappings, so they are stored as
/// EF stores them. Only for append-only tables whose rows nothing tracks.
/// </summary>
public static class BulkInsert
{
    private const int RowsPerStatement = 100;

    /// <param name="skipDuplicates">A row that breaks a unique index is left out (<c>ON CONFLICT DO NOTHING</c>, both providers).</param>
    public static async Task RowsAsync(DbContext db, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        bool skipDuplicates, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder($"INSERT INTO \"{table}\" (").AppendJoin(", ", columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
            var values = new List<object>(chunk.Length * columns.Count);
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    sql.Append(c == 0 ? "" : ", ");
                    // A null has no type to map: it is written as the literal.
                    if (chunk[r][c] is not { } value) sql.Append("NULL");
                    else
                    {
                        sql.Append('{').Append(values.Count).Append('}');
                        values.Add(value);
                    }
                }
                sql.Append(')');
            }
            if (skipDuplicates) sql.Append(" ON CONFLICT DO NOTHING");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
        }
    }
}
