using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Storage;

/// <param name="OwnerId">The member whose personal space it is; null for a team space.</param>
internal sealed record SpaceUseDto(Guid Id, string Name, string Kind, Guid? OwnerId, long UsedBytes, int Files);

/// <param name="QuotaBytes">Null: no limit.</param>
internal sealed record TeamStorageDto(long? QuotaBytes, long UsedBytes, IReadOnlyList<SpaceUseDto> Spaces);

internal sealed record SetStorageQuotaRequest(long? QuotaBytes);

/// <summary>Issue 27: what the team's files take, space by space, largest first, and its quota.</summary>
internal sealed record GetTeamStorage(Guid TeamId) : IRequest<TeamStorageDto>;

/// <summary>Issue 27: an admin sets (or with null lifts) the team's storage quota.</summary>
internal sealed record SetTeamStorageQuota(Guid TeamId, Guid AdminId, long? QuotaBytes) : IRequest<Outcome<TeamStorageDto>>;

internal sealed class TeamStorageHandler(SpacesDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<GetTeamStorage, TeamStorageDto>, IRequestHandler<SetTeamStorageQuota, Outcome<TeamStorageDto>>
{
    public async ValueTask<TeamStorageDto> Handle(GetTeamStorage request, CancellationToken ct)
    {
        var teamId = request.TeamId;
        // One grouped query over the team's files (the TeamId index), then the spaces that hold none are added with zero.
        var use = await db.Items.AsNoTracking().Where(i => i.TeamId == teamId && i.Kind == ItemKinds.File)
            .GroupBy(i => i.SpaceId).Select(g => new { SpaceId = g.Key, Bytes = g.Sum(i => i.Size), Files = g.Count() })
            .ToDictionaryAsync(u => u.SpaceId, ct);
        var spaces = await db.Spaces.AsNoTracking().Where(s => s.TeamId == teamId).ToListAsync(ct);
        var quota = await db.TeamStorage.AsNoTracking().Where(t => t.TeamId == teamId).Select(t => t.QuotaBytes).FirstOrDefaultAsync(ct);
        var rows = spaces.Select(s => new SpaceUseDto(s.Id, s.Name, s.Kind, s.PersonalOwnerId,
                use.TryGetValue(s.Id, out var u) ? u.Bytes : 0, use.TryGetValue(s.Id, out var f) ? f.Files : 0))
            .OrderByDescending(s => s.UsedBytes).ThenBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new TeamStorageDto(quota, rows.Sum(r => r.UsedBytes), rows);
    }

    public async ValueTask<Outcome<TeamStorageDto>> Handle(SetTeamStorageQuota request, CancellationToken ct)
    {
        if (request.QuotaBytes is < 0) return Outcome<TeamStorageDto>.Invalid("quotaBytes", "The quota cannot be negative; leave it empty for no limit.");
        var row = await db.TeamStorage.FirstOrDefaultAsync(t => t.TeamId == request.TeamId, ct);
        if (row is null) db.TeamStorage.Add(row = new TeamStorage { TeamId = request.TeamId });
        row.QuotaBytes = request.QuotaBytes;
        row.UpdatedBy = request.AdminId;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Outcome<TeamStorageDto>.Success(await mediator.Send(new GetTeamStorage(request.TeamId), ct));
    }
}
