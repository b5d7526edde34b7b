using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Trash;

/// <summary>
/// One row per deleted subtree the member owns or deleted, newest first (the API and the Trash page). The role says what
/// they may do: the owner restores and purges; whoever deleted someone else's item may restore it.
/// </summary>
internal sealed record ListTrash(Guid UserId, Guid TeamId) : IRequest<IReadOnlyList<TrashEntryDto>>;

internal sealed class ListTrashHandler(SpacesDbContext db, EffectiveRoles roles, TimeProvider clock) : IRequestHandler<ListTrash, IReadOnlyList<TrashEntryDto>>
{
    public async ValueTask<IReadOnlyList<TrashEntryDto>> Handle(ListTrash request, CancellationToken ct)
    {
        var (userId, teamId, now) = (request.UserId, request.TeamId, clock.GetUtcNow().UtcDateTime);
        var rows = await db.Items.AsNoTracking()
            .Where(i => i.TeamId == teamId && i.TrashedRootId == i.Id && (i.OwnerUserId == userId || i.TrashedBy == userId))
            .OrderByDescending(i => i.TrashedAt).ToListAsync(ct);
        // The folders they came from, in one access check for all of them.
        var parents = rows.Where(i => i.ParentId is not null).Select(i => i.ParentId!.Value).Distinct().ToList();
        var visible = (await roles.ForItemsAsync(userId, teamId, parents, ct))
            .Where(p => p.Role > AccessRole.None && p.Item.TrashedAt is null).ToDictionary(p => p.Item.Id, p => p.Item.Name);
        return rows.Select(i =>
        {
            var purgeAt = i.TrashedAt!.Value + TrashPurgeJob.KeepFor;
            var folder = i.ParentId is { } parent && visible.TryGetValue(parent, out var name) ? name : null;
            return new TrashEntryDto(i.Id, i.Name, i.Kind, i.Size, i.OwnerUserId == userId ? AccessRole.Owner : AccessRole.Editor, i.TrashedAt.Value,
                purgeAt, Math.Max(0, (int)Math.Ceiling((purgeAt - now).TotalDays)), folder is null ? null : i.ParentId, folder);
        }).ToList();
    }
}
