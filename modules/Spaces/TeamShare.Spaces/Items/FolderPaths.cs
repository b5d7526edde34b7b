using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>
/// Move and copy targets: the folders of a space the viewer may write to (SP-8), named by their path ("/", "/Plans/2026").
/// A folder above that the viewer may not open is shown as "…", so the picker names nothing they could not see anyway.
/// </summary>
internal static class FolderPaths
{
    public static async Task<IReadOnlyList<(Guid Id, string Path)>> OfSpaceAsync(SpacesDbContext db, EffectiveRoles roles,
        Guid userId, Guid teamId, Guid spaceId, CancellationToken ct)
    {
        var folders = await db.Items.AsNoTracking()
            .Where(i => i.SpaceId == spaceId && i.Kind == ItemKinds.Folder && i.TrashedAt == null)
            .Select(i => new { i.Id, i.Name, i.AncestorPath, i.ParentId }).ToListAsync(ct);
        var access = (await roles.ForItemsAsync(userId, teamId, folders.Select(f => f.Id).ToList(), ct))
            .ToDictionary(a => a.Item.Id, a => a.Role);
        string NameOf(Guid id, string name, bool root) =>
            access.GetValueOrDefault(id) == AccessRole.None ? "…" : root ? "" : name;
        var names = folders.ToDictionary(x => x.Id, x => NameOf(x.Id, x.Name, x.ParentId is null));
        return folders.Where(x => access.GetValueOrDefault(x.Id) >= AccessRole.Editor)
            .Select(x => (x.Id, "/" + string.Join("/", Collapse(x.AncestorPath.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(Guid.Parse).Select(a => names.GetValueOrDefault(a, "…")).Append(names[x.Id]).Where(n => n.Length > 0)))))
            .OrderBy(x => x.Item2, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Several hidden folders in a row read as one "…".</summary>
    private static IEnumerable<string> Collapse(IEnumerable<string> parts)
    {
        string? previous = null;
        foreach (var part in parts)
        {
            if (!(part == "…" && previous == "…")) yield return part;
            previous = part;
        }
    }
}
