using TeamShare.Policy.Data;
using TeamShare.Policy.Decisions;

namespace TeamShare.Policy.Activity;

/// <summary>AD-12: appends activity rows to the current unit of work; the caller's SaveChanges writes them with the change.</summary>
internal sealed class ActivityLog(PolicyDbContext db)
{
    public void Add(Guid teamId, Guid? actorId, string kind, Guid? subjectId, string? target, string? details, DateTime at) =>
        db.Activity.Add(new ActivityEntry
        {
            TeamId = teamId, ActorId = actorId, Kind = kind, SubjectId = subjectId, At = at,
            Target = target, Details = details,
            TargetDomain = target is not null && target.Contains('@') ? ApprovedList.DomainOf(target) : null,
        });

    public async Task AppendAsync(Guid teamId, Guid? actorId, string kind, Guid? subjectId, string? target, string? details, DateTime at,
        CancellationToken ct)
    {
        Add(teamId, actorId, kind, subjectId, target, details, at);
        await db.SaveChangesAsync(ct);
    }
}
