using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Activity;
using TeamShare.Policy.Data;
using TeamShare.Policy.Decisions;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Approved;

internal sealed record ApprovedDto(Guid Id, string Kind, string Value, DateTime AddedAt);
internal sealed record AddApprovedRequest(string? Value);

/// <summary>The approved list (AD-2): addresses and domains members may share with in "team + approved" mode.</summary>
internal sealed class ApprovedEntries(PolicyDbContext db, ActivityLog log, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApprovedDto>> ListAsync(Guid teamId, CancellationToken ct) =>
        await db.Approved.AsNoTracking().Where(a => a.TeamId == teamId).OrderBy(a => a.Value)
            .Select(a => new ApprovedDto(a.Id, a.Kind, a.Value, a.AddedAt)).ToListAsync(ct);

    public async Task<Outcome<ApprovedDto>> AddAsync(Guid teamId, Guid actorId, string? value, CancellationToken ct)
    {
        if (ApprovedList.Normalize(value) is not { } entry)
            return Outcome<ApprovedDto>.Invalid("value", "Enter an e-mail address (name@example.com) or a domain (example.com).");
        if (await db.Approved.AnyAsync(a => a.TeamId == teamId && a.Value == entry.Value, ct))
            return Outcome<ApprovedDto>.Invalid("value", "This is already on the approved list.", 409);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new ApprovedEntry { Id = Guid.CreateVersion7(), TeamId = teamId, Kind = entry.Kind, Value = entry.Value, AddedBy = actorId, AddedAt = now };
        db.Approved.Add(row);
        log.Add(teamId, actorId, "policy_changed", null, "approved list", $"added {entry.Value}", now);
        await db.SaveChangesAsync(ct);
        return Outcome<ApprovedDto>.Success(new ApprovedDto(row.Id, row.Kind, row.Value, row.AddedAt), 201);
    }

    public async Task<bool> RemoveAsync(Guid teamId, Guid actorId, Guid id, CancellationToken ct)
    {
        var row = await db.Approved.FirstOrDefaultAsync(a => a.Id == id && a.TeamId == teamId, ct);
        if (row is null) return false;
        db.Approved.Remove(row);
        log.Add(teamId, actorId, "policy_changed", null, "approved list", $"removed {row.Value}", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }
}

internal static class ApprovedEndpoints
{
    public static async Task<IResult> List(ClaimsPrincipal user, ApprovedEntries entries, CancellationToken ct) =>
        TypedResults.Ok(await entries.ListAsync(user.GetTeamId(), ct));

    public static async Task<IResult> Add(AddApprovedRequest body, ClaimsPrincipal user, ApprovedEntries entries, CancellationToken ct) =>
        (await entries.AddAsync(user.GetTeamId(), user.GetUserId(), body.Value, ct))
        .ToHttp(e => TypedResults.Created($"/api/admin/policy/approved/{e.Id}", e));

    public static async Task<IResult> Remove(Guid id, ClaimsPrincipal user, ApprovedEntries entries, CancellationToken ct) =>
        await entries.RemoveAsync(user.GetTeamId(), user.GetUserId(), id, ct) ? TypedResults.NoContent() : Problems.NotFound();
}
