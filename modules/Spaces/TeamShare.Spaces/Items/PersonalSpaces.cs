using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>SP-1: every member has a personal space, made the first time they need it.</summary>
internal sealed class PersonalSpaces(SpacesDbContext db, TimeProvider clock)
{
    public async Task<Space> EnsureAsync(Guid userId, Guid teamId, CancellationToken ct)
    {
        var space = await db.Spaces.AsNoTracking().FirstOrDefaultAsync(s => s.PersonalOwnerId == userId, ct);
        if (space is not null) return space;
        space = NewSpace(teamId, SpaceKinds.Personal, "My files", userId, userId, clock.GetUtcNow().UtcDateTime, out var root);
        db.Spaces.Add(space);
        db.Items.Add(root);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A parallel request made it first; the unique index on PersonalOwnerId kept us from making two.
            db.ChangeTracker.Clear();
            return await db.Spaces.AsNoTracking().FirstAsync(s => s.PersonalOwnerId == userId, ct);
        }
        return space;
    }

    public static Space NewSpace(Guid teamId, string kind, string name, Guid? personalOwner, Guid rootOwner, DateTime now, out Item root)
    {
        var space = new Space
        {
            Id = Guid.CreateVersion7(), TeamId = teamId, Kind = kind, Name = name, PersonalOwnerId = personalOwner, CreatedAt = now,
        };
        root = new Item
        {
            Id = Guid.CreateVersion7(), TeamId = teamId, SpaceId = space.Id, ParentId = null, AncestorPath = "/",
            Name = name, NameKey = "/" + space.Id, SortKey = "/" + space.Id, Kind = ItemKinds.Folder, OwnerUserId = rootOwner, CreatedAt = now, ModifiedAt = now,
        };
        space.RootItemId = root.Id;
        return space;
    }
}
