using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Versions;

/// <summary>SP-5: a new content becomes a new version; the item row always shows the newest.</summary>
internal sealed class Versioning(SpacesDbContext db, TimeProvider clock)
{
    public static ItemVersion NewVersion(Item item, int number, Guid by, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(), TeamId = item.TeamId, ItemId = item.Id, Number = number,
        ContentSha256 = item.ContentSha256!, Size = item.Size, ContentType = item.ContentType, CreatedBy = by, CreatedAt = at,
    };

    /// <summary>Makes <paramref name="blob"/> the item's current content. False when another save won the same version number.</summary>
    public async Task<bool> ReplaceAsync(Guid itemId, StoredBlob blob, string? contentType, Guid by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var item = await db.Items.FirstAsync(i => i.Id == itemId, ct);
        var last = await db.Versions.Where(v => v.ItemId == itemId).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        item.ContentSha256 = blob.Sha256;
        item.Size = blob.Size;
        item.ContentType = contentType ?? item.ContentType;
        item.ModifiedAt = now;
        db.Versions.Add(NewVersion(item, last + 1, by, now));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
