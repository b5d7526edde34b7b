using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>
/// Inserts a new item under its parent, renaming on a clash ("name (1).ext") instead of overwriting (SP-2); WebDAV, whose
/// clients name exactly what they create, inserts under the exact name or not at all.
/// </summary>
internal sealed class ItemWriter(SpacesDbContext db, TimeProvider clock)
{
    public async Task<Item> AddAsync(Item parent, string name, string kind, Guid ownerId,
        Action<Item>? fill = null, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = FreeName(name, await TakenNamesAsync(parent.Id, name, ct));
            if (await AddExactAsync(parent, candidate, kind, ownerId, fill, ct) is { } item) return item;
            // Someone took the name between our read and our insert: look again and pick the next free one.
            if (attempt == 5) throw new InvalidOperationException($"No free name for {name} after {attempt} attempts.");
        }
    }

    /// <summary>The item under exactly <paramref name="name"/>, or null when a live item of that name is already there.</summary>
    public async Task<Item?> AddExactAsync(Item parent, string name, string kind, Guid ownerId, Action<Item>? fill, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new Item
        {
            Id = Guid.CreateVersion7(), TeamId = parent.TeamId, SpaceId = parent.SpaceId, ParentId = parent.Id,
            AncestorPath = parent.ChildPath, Name = name, NameKey = ItemNames.Key(name), SortKey = ItemNames.SortKey(name), Kind = kind,
            OwnerUserId = ownerId, CreatedAt = now, ModifiedAt = now,
        };
        fill?.Invoke(item);
        db.Items.Add(item);
        // A file starts with version 1 (SP-5), saved in the same transaction as the item.
        var version = item.ContentSha256 is null ? null : TeamShare.Spaces.Versions.Versioning.NewVersion(item, 1, ownerId, now);
        if (version is not null) db.Versions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
            return item;
        }
        catch (DbUpdateException)
        {
            db.Entry(item).State = EntityState.Detached;
            if (version is not null) db.Entry(version).State = EntityState.Detached;
            return null;
        }
    }

    /// <summary><paramref name="name"/> if no live item in the folder has it, else the first free "name (n).ext".</summary>
    public async Task<string> FreeNameAsync(Guid parentId, string name, CancellationToken ct) =>
        FreeName(name, await TakenNamesAsync(parentId, name, ct));

    /// <summary>Names of live items only: the trash does not hold names.</summary>
    private async Task<HashSet<string>> TakenNamesAsync(Guid parentId, string name, CancellationToken ct)
    {
        var dot = name.LastIndexOf('.');
        var stem = ItemNames.Key(dot <= 0 ? name : name[..dot]);
        var keys = await db.Items.Where(i => i.ParentId == parentId && i.TrashedAt == null && i.NameKey.StartsWith(stem))
            .Select(i => i.NameKey).ToListAsync(ct);
        return keys.ToHashSet();
    }

    private static string FreeName(string name, HashSet<string> taken)
    {
        if (!taken.Contains(ItemNames.Key(name))) return name;
        for (var n = 1; ; n++)
        {
            var numbered = SharedKernel.Text.NumberedNames.Of(name, n);
            if (!taken.Contains(ItemNames.Key(numbered))) return numbered;
        }
    }
}
