using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Versions;

/// <summary>SP-5: a file's versions, newest first, each with who saved it (one name lookup for all).</summary>
internal static class VersionHistory
{
    public static async Task<IReadOnlyList<VersionDto>> ListAsync(SpacesDbContext db, IMediator mediator, Item item, CancellationToken ct)
    {
        var versions = await db.Versions.AsNoTracking().Where(v => v.ItemId == item.Id).OrderByDescending(v => v.Number).ToListAsync(ct);
        var names = await mediator.Send(new GetUserNames(item.TeamId, versions.Select(v => v.CreatedBy).Distinct().ToList()), ct);
        return versions.Select((v, i) => new VersionDto(v.Number, v.Size, v.CreatedAt, v.CreatedBy, i == 0,
            names.GetValueOrDefault(v.CreatedBy, "a former member"))).ToList();
    }
}
