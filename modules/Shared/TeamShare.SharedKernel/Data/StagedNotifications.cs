using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace TeamShare.SharedKernel.Data;

/// <summary>
/// Issue 26.1: the durable publishing seam a handler uses. <see cref="Stage{T}"/> adds the notification to the handler's unit
/// of work, so its SaveChanges writes it with the change; <see cref="PublishAfterCommit{TMessage, TResponse}"/> publishes it
/// once that save has committed, whoever sent the request. Handlers stage and save; none publishes by hand.
/// </summary>
public sealed class StagedNotifications
{
    private readonly List<(DbContext Db, PendingNotification Row, INotification Notification)> _staged = [];

    public void Stage<T>(DbContext db, T notification, Guid eventId, DateTime now) where T : INotification =>
        _staged.Add((db, db.Stage(notification, eventId, now), notification));

    internal bool IsEmpty => _staged.Count == 0;

    /// <summary>
    /// The staged notifications whose rows are saved, taken out; one still waiting for its save (an outer handler's, or a
    /// handler that refused before saving) stays, and one that was never saved is never published.
    /// </summary>
    internal List<(DbContext Db, Guid Id, INotification Notification)> TakeCommitted()
    {
        var committed = _staged.Where(s => s.Db.Entry(s.Row).State == EntityState.Unchanged).ToList();
        _staged.RemoveAll(s => committed.Contains(s));
        return committed.Select(s => (s.Db, s.Row.Id, s.Notification)).ToList();
    }
}

/// <summary>
/// After a request's handler returns: publish what it staged and saved, then drop each row. A failing subscriber never fails
/// the request whose change is already saved; its row stays and the module's relay tries again. A handler that throws
/// publishes nothing here; what it committed before is relayed after the grace period.
/// </summary>
public sealed class PublishAfterCommit<TMessage, TResponse>(StagedNotifications staged, IPublisher publisher,
    ILogger<StagedNotifications> logger) : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        var response = await next(message, ct);
        if (staged.IsEmpty) return response;
        foreach (var (db, id, notification) in staged.TakeCommitted())
        {
            try
            {
                await publisher.Publish(notification, ct);
                await db.Set<PendingNotification>().Where(n => n.Id == id).ExecuteDeleteAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Publishing {Type} {EventId} failed; the relay will retry it.", notification.GetType().Name, id);
            }
        }
        return response;
    }
}
