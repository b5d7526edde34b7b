using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TeamShare.SharedKernel.Caching;

/// <summary>
/// Tells this instance's <see cref="ChangeFeed"/> which teams a commit changed, right after the commit (never before: a read
/// racing the write would cache the old row under the new version). Saved entities name their team; a statement
/// (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL) bumps every team unless it wrote only what is not watched
/// (<see cref="WrittenStatement"/>), and nothing when it changed no row. Other instances hear the same commit from
/// the PostgreSQL triggers (<see cref="ChangeFeedTriggers"/>), which nothing can bypass.
/// </summary>
public sealed class ChangeFeedInterceptor(ChangeFeed feed) : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        public readonly HashSet<Guid> Teams = [];
        public bool All;
        public bool Saving;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    // A canceled save must end the save as a failed one does: a context left "saving" would let its next statements
    // go unheard.
    public void SaveChangesCanceled(DbContextEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Executed(command, eventData.Context, result);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Executed(command, eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var pending = _pending.GetOrCreateValue(context);
        pending.Saving = true;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = WatchedType.Of(entry.Metadata.ClrType);
            if (!type.Watched) continue;
            if (entry.State == EntityState.Modified && entry.Properties.All(p => !p.IsModified || type.Unwatched.Contains(p.Metadata.Name))) continue;
            if (type.TeamProperty is { } team && entry.Property(team).CurrentValue is Guid teamId) pending.Teams.Add(teamId);
            else pending.All = true;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        pending.Saving = false;
        // Without a transaction of the caller's, the save has committed by now (in EF's own transaction, or as one statement).
        if (context.Database.CurrentTransaction is null) Flush(context);
    }

    private void Failed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        pending.Saving = false;
        if (context.Database.CurrentTransaction is null) Forget(context);
    }

    private void Executed(DbCommand command, DbContext? context, int rows)
    {
        if (context is null || rows <= 0) return;
        var pending = _pending.GetOrCreateValue(context);
        if (pending.Saving) return;
        if (!WrittenStatement.Watched(command.CommandText, context.Model)) return;
        pending.All = true;
        if (command.Transaction is null) Flush(context);
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        if (pending.All) feed.ChangedAll();
        else foreach (var team in pending.Teams) feed.Changed(team);
        Clear(pending);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending)) Clear(pending);
    }

    private static void Clear(Pending pending)
    {
        pending.Teams.Clear();
        pending.All = false;
    }
}
