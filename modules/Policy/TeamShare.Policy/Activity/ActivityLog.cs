using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Data;
using TeamShare.SharedKernel.Data;
using TeamShare.Policy.Decisions;

namespace TeamShare.Policy.Activity;

/// <summary>AD-12: appends activity rows to the current unit of work; the caller's SaveChanges writes them with the change.</summary>
internal sealed class ActivityLog(PolicyDbContext db)
{
    public ActivityEntry Add(Guid teamId, Guid? actorId, string kind, Guid? subjectId, string? target, string? details, DateTime at) =>
        db.Activity.Add(new ActivityEntry
        {
            TeamId = teamId, ActorId = actorId, Kind = kind, SubjectId = subjectId, At = at,
            Target = target, Details = details,
            TargetDomain = target is not null && target.Contains('@') ? ApprovedList.DomainOf(target) : null,
        }).Entity;

    public sealed record Event(Guid EventId, Guid TeamId, Guid? ActorId, string Kind, Guid? SubjectId, string? Target, string? Details, DateTime At);

    private static readonly string[] Columns =
        [nameof(ActivityEntry.EventId), nameof(ActivityEntry.TeamId), nameof(ActivityEntry.ActorId), nameof(ActivityEntry.Kind),
         nameof(ActivityEntry.SubjectId), nameof(ActivityEntry.Target), nameof(ActivityEntry.TargetDomain), nameof(ActivityEntry.Details),
         nameof(ActivityEntry.At)];

    /// <summary>Records a batch (every link preview and download) in multi-row statements; an event already there (a repeat
    /// after a crash) is left out by its unique id, so each is recorded once.</summary>
    public Task AppendAllOnceAsync(IReadOnlyList<Event> events, CancellationToken ct) =>
        BulkInsert.RowsAsync(db, "policy_activity", Columns, events.Select(e => new object?[]
        {
            e.EventId, e.TeamId, e.ActorId, e.Kind, e.SubjectId, e.Target,
            e.Target is not null && e.Target.Contains('@') ? ApprovedList.DomainOf(e.Target) : null, e.Details, e.At,
        }), skipDuplicates: true, ct);

    /// <summary>Records one notification's event, once: the same event id arriving again (a relay after a crash) is ignored.</summary>
    public async Task AppendOnceAsync(Guid eventId, Guid teamId, Guid? actorId, string kind, Guid? subjectId, string? target, string? details,
        DateTime at, CancellationToken ct)
    {
        // No look-up first: an event arrives twice only after a crash, so the unique index settles that rare case and the
        // common one (every link preview and download) costs one INSERT.
        var entry = Add(teamId, actorId, kind, subjectId, target, details, at);
        entry.EventId = eventId;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Already recorded (a relayed or parallel delivery of the same event): nothing to do. Anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.Activity.AnyAsync(a => a.EventId == eventId, ct)) throw;
        }
    }
}
