using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Data;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.WebDav;

/// <summary>Dead properties (RFC 4918 §4): whatever a client sets with PROPPATCH, kept per item and returned as given.</summary>
internal sealed class DavDeadProperties(SpacesDbContext db)
{
    public async Task<ILookup<Guid, XElement>> ForAsync(IReadOnlyList<Guid> itemIds, CancellationToken ct)
    {
        var rows = await db.DavProperties.AsNoTracking().WhereIdIn(p => p.ItemId, itemIds).ToListAsync(ct);
        return rows.ToLookup(p => p.ItemId, p => XElement.Parse(p.Xml));
    }

    /// <summary>Sets and removes in document order, in one transaction: all or nothing (RFC 4918 §9.2).</summary>
    public async Task ApplyAsync(Item item, IReadOnlyList<(bool Set, XElement Property)> changes, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (set, property) in changes)
        {
            var ns = property.Name.NamespaceName;
            var name = property.Name.LocalName;
            await db.DavProperties.Where(p => p.ItemId == item.Id && p.Namespace == ns && p.Name == name).ExecuteDeleteAsync(ct);
            if (set)
                db.DavProperties.Add(new DavProperty
                {
                    Id = Guid.CreateVersion7(), TeamId = item.TeamId, ItemId = item.Id, Namespace = ns, Name = name,
                    Xml = new XElement(property).ToString(SaveOptions.DisableFormatting),
                });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>COPY duplicates the dead properties of what it copies (RFC 4918 §9.8.2).</summary>
    public async Task CopyAsync(Guid fromItemId, Item to, CancellationToken ct)
    {
        var rows = await db.DavProperties.AsNoTracking().Where(p => p.ItemId == fromItemId).ToListAsync(ct);
        if (rows.Count == 0) return;
        db.DavProperties.AddRange(rows.Select(p => new DavProperty
        {
            Id = Guid.CreateVersion7(), TeamId = to.TeamId, ItemId = to.Id, Namespace = p.Namespace, Name = p.Name, Xml = p.Xml,
        }));
        await db.SaveChangesAsync(ct);
    }
}
