using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.WebDav;

/// <summary>
/// RFC 4918 write locks, in the database so every instance sees them. A lock covers its item, and everything below when
/// deep; a write to a covered item needs the lock's token in the If header, from the member who took the lock.
/// </summary>
internal sealed class DavLocks(SpacesDbContext db, TimeProvider clock)
{
    public const string TokenPrefix = "opaquelocktoken:";
    public static readonly TimeSpan Standard = TimeSpan.FromHours(1);
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);
    private static readonly XNamespace D = DavXml.D;

    public static string TokenOf(DavLock l) => TokenPrefix + l.Id;

    public static Guid? IdOf(string token) =>
        token.StartsWith(TokenPrefix, StringComparison.Ordinal) && Guid.TryParse(token[TokenPrefix.Length..], out var id) ? id : null;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Locks on the item itself and deep locks on the folders above it.</summary>
    public Task<List<DavLock>> CoveringAsync(Item item, CancellationToken ct)
    {
        var now = Now;
        var chain = item.SelfAndAncestors().ToList();
        return db.DavLocks.AsNoTracking()
            .Where(l => l.TeamId == item.TeamId && l.ExpiresAt > now && (l.ItemId == item.Id || (l.Deep && chain.Contains(l.ItemId))))
            .ToListAsync(ct);
    }

    /// <summary>Locks on anything below a folder.</summary>
    public Task<List<DavLock>> BelowAsync(Item folder, CancellationToken ct)
    {
        var now = Now;
        var below = folder.ChildPath;
        return db.DavLocks.AsNoTracking()
            .Where(l => l.TeamId == folder.TeamId && l.ExpiresAt > now && db.Items.Any(i => i.Id == l.ItemId && i.AncestorPath.StartsWith(below)))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Whether the caller may write to <paramref name="item"/> (and, with <paramref name="subtree"/>, to all below it): every
    /// lock in the way was taken by them and its token is submitted. Adding or removing a folder's members is a write to it.
    /// </summary>
    public async Task<bool> PermitsAsync(Item item, bool subtree, Guid userId, IReadOnlySet<string> tokens, CancellationToken ct)
    {
        var locks = await CoveringAsync(item, ct);
        if (subtree && item.Kind == ItemKinds.Folder) locks.AddRange(await BelowAsync(item, ct));
        return locks.All(l => l.UserId == userId && tokens.Contains(TokenOf(l)));
    }

    /// <summary>
    /// Takes a lock unless one in the way conflicts: an exclusive lock conflicts with any other, shared ones with exclusive
    /// ones only. Null on a conflict. A unique index keeps two exclusive locks off one item even across instances.
    /// </summary>
    public async Task<DavLock?> TakeAsync(Item item, Guid userId, bool exclusive, bool deep, string? ownerXml, TimeSpan timeout, CancellationToken ct)
    {
        var now = Now;
        await db.DavLocks.Where(l => l.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        var existing = await CoveringAsync(item, ct);
        if (deep && item.Kind == ItemKinds.Folder) existing.AddRange(await BelowAsync(item, ct));
        if (existing.Any(l => l.Exclusive || exclusive)) return null;
        var taken = new DavLock
        {
            Id = Guid.NewGuid(), TeamId = item.TeamId, ItemId = item.Id, UserId = userId, Exclusive = exclusive, Deep = deep,
            OwnerXml = ownerXml, TimeoutSeconds = (int)timeout.TotalSeconds, ExpiresAt = now + timeout,
        };
        db.DavLocks.Add(taken);
        try
        {
            await db.SaveChangesAsync(ct);
            return taken;
        }
        catch (DbUpdateException)
        {
            db.Entry(taken).State = EntityState.Detached;
            return null;
        }
    }

    public async Task<DavLock?> RefreshAsync(DavLock l, TimeSpan timeout, CancellationToken ct)
    {
        var expires = Now + timeout;
        var seconds = (int)timeout.TotalSeconds;
        var changed = await db.DavLocks.Where(x => x.Id == l.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, expires).SetProperty(x => x.TimeoutSeconds, seconds), ct);
        if (changed == 0) return null;
        l.ExpiresAt = expires;
        l.TimeoutSeconds = seconds;
        return l;
    }

    public Task ReleaseAsync(Guid lockId, CancellationToken ct) => db.DavLocks.Where(l => l.Id == lockId).ExecuteDeleteAsync(ct);

    /// <summary>Locks stay with their path, not the item: a moved or deleted item (and all below it) loses them.</summary>
    public Task ReleaseAllAsync(Item item, CancellationToken ct)
    {
        var below = item.ChildPath;
        return db.DavLocks.Where(l => l.ItemId == item.Id || db.Items.Any(i => i.Id == l.ItemId && i.AncestorPath.StartsWith(below)))
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>Locks for a PROPFIND: those on the node's path (deep ones reach everything below) and on the children listed.</summary>
    public async Task<List<DavLock>> ForListingAsync(DavNode node, IReadOnlyList<Item> children, CancellationToken ct)
    {
        var now = Now;
        var ids = node.Path.Select(i => i.Id).Concat(children.Select(c => c.Id)).ToList();
        return await db.DavLocks.AsNoTracking().Where(l => l.TeamId == node.Space.TeamId && l.ExpiresAt > now).WhereIdIn(l => l.ItemId, ids).ToListAsync(ct);
    }

    /// <summary>The locks that apply to one entry, from those of a listing.</summary>
    public static IEnumerable<DavLock> Applying(IEnumerable<DavLock> locks, Item item) =>
        locks.Where(l => l.ItemId == item.Id || (l.Deep && item.SelfAndAncestors().Contains(l.ItemId)));

    public static XElement Discovery(IEnumerable<(DavLock Lock, string? Root)> locks) =>
        new(D + "lockdiscovery", locks.Select(x => Active(x.Lock, x.Root)));

    public static XElement Active(DavLock l, string? root) => new(D + "activelock",
        new XElement(D + "locktype", new XElement(D + "write")),
        new XElement(D + "lockscope", new XElement(D + (l.Exclusive ? "exclusive" : "shared"))),
        new XElement(D + "depth", l.Deep ? "infinity" : "0"),
        l.OwnerXml is null ? null : XElement.Parse(l.OwnerXml),
        new XElement(D + "timeout", $"Second-{l.TimeoutSeconds}"),
        new XElement(D + "locktoken", new XElement(D + "href", TokenOf(l))),
        root is null ? null : new XElement(D + "lockroot", new XElement(D + "href", root)));
}
