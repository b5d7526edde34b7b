using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Activity;
using TeamShare.Policy.Data;
using TeamShare.Policy.Decisions;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Policy.Approved;

internal sealed record ApprovedDto(Guid Id, string Kind, string Value, DateTime AddedAt);
internal sealed record AddApprovedRequest(string? Value);

// The approved list (AD-2): addresses and domains members may share with in "team + approved" mode.
internal sealed record ListApproved(Guid TeamId) : IRequest<IReadOnlyList<ApprovedDto>>;
internal sealed record AddApproved(Guid TeamId, Guid ActorId, string? Value) : IRequest<Outcome<ApprovedDto>>;
internal sealed record RemoveApproved(Guid TeamId, Guid ActorId, Guid Id) : IRequest<bool>;

internal sealed class ListApprovedHandler(PolicyDbContext db) : IRequestHandler<ListApproved, IReadOnlyList<ApprovedDto>>
{
    public async ValueTask<IReadOnlyList<ApprovedDto>> Handle(ListApproved request, CancellationToken ct) =>
        await db.Approved.AsNoTracking().Where(a => a.TeamId == request.TeamId).OrderBy(a => a.Value)
            .Select(a => new ApprovedDto(a.Id, a.Kind, a.Value, a.AddedAt)).ToListAsync(ct);
}

internal sealed class AddApprovedHandler(PolicyDbContext db, ActivityLog log, TimeProvider clock) : IRequestHandler<AddApproved, Outcome<ApprovedDto>>
{
    public async ValueTask<Outcome<ApprovedDto>> Handle(AddApproved request, CancellationToken ct)
    {
        var (teamId, actorId, value) = (request.TeamId, request.ActorId, request.Value);
        if (ApprovedList.Normalize(value) is not { } entry)
            return Outcome<ApprovedDto>.Invalid("value", "Enter an e-mail address (name@example.com) or a domain (example.com).");
        if (await db.Approved.AnyAsync(a => a.TeamId == teamId && a.Value == entry.Value, ct))
            return Outcome<ApprovedDto>.Conflict("value", "This is already on the approved list.");
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new ApprovedEntry { Id = Guid.CreateVersion7(), TeamId = teamId, Kind = entry.Kind, Value = entry.Value, AddedBy = actorId, AddedAt = now };
        db.Approved.Add(row);
        log.Add(teamId, actorId, "policy_changed", null, "approved list", $"added {entry.Value}", now);
        await db.SaveChangesAsync(ct);
        return Outcome<ApprovedDto>.Success(new ApprovedDto(row.Id, row.Kind, row.Value, row.AddedAt));
    }
}

internal sealed class RemoveApprovedHandler(PolicyDbContext db, ActivityLog log, TimeProvider clock) : IRequestHandler<RemoveApproved, bool>
{
    public async ValueTask<bool> Handle(RemoveApproved request, CancellationToken ct)
    {
        var (teamId, actorId, id) = (request.TeamId, request.ActorId, request.Id);
        var row = await db.Approved.FirstOrDefaultAsync(a => a.Id == id && a.TeamId == teamId, ct);
        if (row is null) return false;
        db.Approved.Remove(row);
        log.Add(teamId, actorId, "policy_changed", null, "approved list", $"removed {row.Value}", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
