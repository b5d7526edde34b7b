using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Trash;

/// <summary>SP-6: an item and its subtree go to the trash together, restorable as one; the API and WebDAV delete this way.</summary>
internal static class ItemTrash
{
    public static Task MoveAsync(SpacesDbContext db, Item item, Guid by, DateTime now, CancellationToken ct)
    {
        var below = item.ChildPath;
        return db.Items
            .Where(i => i.TeamId == item.TeamId && i.TrashedAt == null && (i.Id == item.Id || i.AncestorPath.StartsWith(below)))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.TrashedAt, now).SetProperty(i => i.TrashedRootId, item.Id)
                .SetProperty(i => i.TrashedBy, by), ct);
    }
}
