using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Trash;

/// <summary>
/// Deletes trashed subtrees for good, with their versions, grants and stars. Their blobs are left to <see cref="BlobCollectJob"/>:
/// deleting one here could take bytes that an upload of the same content, at this moment, has just decided to reuse.
/// </summary>
internal sealed class TrashPurger(SpacesDbContext db)
{
    public async Task<int> PurgeAsync(IQueryable<Item> trashed, CancellationToken ct)
    {
        var doomed = await trashed.Where(i => i.TrashedRootId != null).Select(i => i.Id).ToListAsync(ct);
        if (doomed.Count == 0) return 0;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Grants.Where(g => doomed.Contains(g.ItemId)).ExecuteDeleteAsync(ct);
            await db.Stars.Where(s => doomed.Contains(s.ItemId)).ExecuteDeleteAsync(ct);
            await db.Versions.Where(v => doomed.Contains(v.ItemId)).ExecuteDeleteAsync(ct);
            await db.Items.Where(i => doomed.Contains(i.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        return doomed.Count;
    }
}
