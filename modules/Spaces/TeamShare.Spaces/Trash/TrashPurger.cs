using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Trash;

/// <summary>Deletes trashed subtrees for good, with their versions and grants, then blobs nothing points at any more.</summary>
internal sealed class TrashPurger(SpacesDbContext db, IBlobStore blobs)
{
    public async Task<int> PurgeAsync(IQueryable<Item> trashed, CancellationToken ct)
    {
        var doomed = await trashed.Where(i => i.TrashedRootId != null).Select(i => i.Id).ToListAsync(ct);
        if (doomed.Count == 0) return 0;
        var hashes = await db.Versions.Where(v => doomed.Contains(v.ItemId)).Select(v => v.ContentSha256).Distinct().ToListAsync(ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Grants.Where(g => doomed.Contains(g.ItemId)).ExecuteDeleteAsync(ct);
            await db.Versions.Where(v => doomed.Contains(v.ItemId)).ExecuteDeleteAsync(ct);
            await db.Items.Where(i => doomed.Contains(i.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        // Content is shared by copies and versions; a blob goes only when no version anywhere still names it.
        var stillUsed = await db.Versions.Where(v => hashes.Contains(v.ContentSha256)).Select(v => v.ContentSha256).Distinct().ToListAsync(ct);
        foreach (var hash in hashes.Except(stillUsed)) blobs.Delete(hash);
        return doomed.Count;
    }
}
