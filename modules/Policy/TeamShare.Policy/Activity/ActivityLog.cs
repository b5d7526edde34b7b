using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Data;
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

    /// <summary>Records a batch in one transaction; should one of them be there already (a repeat), each is recorded once.</summary>
    public async Task AppendAllOnceAsync(IReadOnlyList<Event> events, CancellationToken ct)
    {
        foreach (var e in events) Add(e.TeamId, e.ActorId, e.Kind, e.SubjectId, e.Target, e.Details, e.At).EventId = e.EventId;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            foreach (var e in events) await AppendOnceAsync(e.EventId, e.TeamId, e.ActorId, e.Kind, e.SubjectId, e.Target, e.Details, e.At, ct);
        }
    }

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
