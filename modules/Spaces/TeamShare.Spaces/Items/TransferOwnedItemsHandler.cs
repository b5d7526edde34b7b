using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>ID-7: the leaver's personal files move into "Files of {name}" in the receiver's space; all their items change owner.</summary>
internal sealed class TransferOwnedItemsHandler(SpacesDbContext db, PersonalSpaces personal, ItemWriter writer)
    : IRequestHandler<TransferOwnedItems, int>
{
    public async ValueTask<int> Handle(TransferOwnedItems r, CancellationToken ct)
    {
        var from = await db.Spaces.AsNoTracking().FirstOrDefaultAsync(s => s.PersonalOwnerId == r.FromUserId && s.TeamId == r.TeamId, ct);
        var moved = 0;
        if (from is not null && await db.Items.AnyAsync(i => i.ParentId == from.RootItemId, ct))
        {
            var to = await personal.EnsureAsync(r.ToUserId, r.TeamId, ct);
            var toRoot = await db.Items.AsNoTracking().FirstAsync(i => i.Id == to.RootItemId, ct);
            var folder = await writer.AddAsync(toRoot, $"Files of {r.FromDisplayName}", ItemKinds.Folder, r.ToUserId, ct: ct);
            var oldPrefix = $"/{from.RootItemId}/";
            var newPrefix = folder.ChildPath;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Items.Where(i => i.ParentId == from.RootItemId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ParentId, folder.Id), ct);
            moved = await db.Items.Where(i => i.SpaceId == from.Id && i.AncestorPath.StartsWith(oldPrefix))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.AncestorPath, i => newPrefix + i.AncestorPath.Substring(oldPrefix.Length))
                    .SetProperty(i => i.SpaceId, to.Id), ct);
            await tx.CommitAsync(ct);
        }
        var reowned = await db.Items.Where(i => i.TeamId == r.TeamId && i.OwnerUserId == r.FromUserId && i.ParentId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OwnerUserId, r.ToUserId), ct);
        return Math.Max(moved, reowned);
    }
}
