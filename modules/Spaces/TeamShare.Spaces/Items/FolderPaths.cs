using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>Move and copy targets: every folder of a space not in the trash, named by its path ("/", "/Plans/2026"), in one query.</summary>
internal static class FolderPaths
{
    public static async Task<IReadOnlyList<(Guid Id, string Path)>> OfSpaceAsync(SpacesDbContext db, Guid spaceId, CancellationToken ct)
    {
        var folders = await db.Items.AsNoTracking()
            .Where(i => i.SpaceId == spaceId && i.Kind == ItemKinds.Folder && i.TrashedAt == null)
            .Select(i => new { i.Id, i.Name, i.AncestorPath, i.ParentId }).ToListAsync(ct);
        var names = folders.ToDictionary(x => x.Id, x => x.ParentId is null ? "" : x.Name);
        return folders.Select(x => (x.Id, "/" + string.Join("/", x.AncestorPath.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(Guid.Parse).Select(a => names.GetValueOrDefault(a, "")).Append(names[x.Id]).Where(n => n.Length > 0))))
            .OrderBy(x => x.Item2, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
