using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TeamShare.SharedKernel.Data;

/// <summary>
/// Per-connection SQLite settings, applied once per native connection (pooled connections keep them):
/// <c>synchronous=NORMAL</c>, which in WAL mode is safe against a process crash and costs no fsync per commit (a power
/// loss may roll back the last commits, never corrupt the file), and <c>busy_timeout</c>, so a writer waiting for the lock
/// is woken by SQLite itself instead of Microsoft.Data.Sqlite's 150 ms sleep-and-retry on a thread-pool thread.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();
    private readonly ConditionalWeakTable<object, object> _prepared = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare(connection);
        return Task.CompletedTask;
    }

    private void Prepare(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _prepared.TryGetValue(handle, out _)) return;
        using var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
        command.ExecuteNonQuery();
        _prepared.AddOrUpdate(handle, handle);
    }
}
