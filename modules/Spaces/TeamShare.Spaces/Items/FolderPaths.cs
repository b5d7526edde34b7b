using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <param name="Space">The space's name as the files page shows it.</param>
/// <param name="Path">The folder's path in its space: "/" for the top, "/Plans/2026".</param>
internal sealed record FolderChoice(Guid Id, string Space, string Path);

/// <summary>
/// Move and copy targets: the folders the viewer may write to (SP-8) in every space they reach (issue 28: Move offered only
/// the current space's), each named by its space and path. A folder above that the viewer may not open is shown as "…", so
/// the picker names nothing they could not see anyway. One query for the folders, one batched SP-8 answer.
/// </summary>
internal static class FolderPaths
{
    public static async Task<IReadOnlyList<FolderChoice>> OfSpacesAsync(SpacesDbContext db, EffectiveRoles roles,
        Guid userId, Guid teamId, IReadOnlyList<SpaceDto> spaces, CancellationToken ct)
    {
        var spaceIds = spaces.Select(s => s.Id).ToList();
        var folders = await db.Items.AsNoTracking()
            .Where(i => i.TeamId == teamId && spaceIds.Contains(i.SpaceId) && i.Kind == ItemKinds.Folder && i.TrashedAt == null)
            .Select(i => new { i.Id, i.Name, i.AncestorPath, i.ParentId, i.SpaceId }).ToListAsync(ct);
        var access = (await roles.ForItemsAsync(userId, teamId, folders.Select(f => f.Id).ToList(), ct))
            .ToDictionary(a => a.Item.Id, a => a.Role);
        string NameOf(Guid id, string name, bool root) =>
            access.GetValueOrDefault(id) == AccessRole.None ? "…" : root ? "" : name;
        var names = folders.ToDictionary(x => x.Id, x => NameOf(x.Id, x.Name, x.ParentId is null));
        var order = spaces.Select((s, index) => (s.Id, index)).ToDictionary(x => x.Id, x => x.index);
        return folders.Where(x => access.GetValueOrDefault(x.Id) >= AccessRole.Editor)
            .Select(x => (Order: order[x.SpaceId], Choice: new FolderChoice(x.Id, spaces[order[x.SpaceId]].Name, "/" + string.Join("/", Collapse(
                x.AncestorPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).Select(a => names.GetValueOrDefault(a, "…"))
                    .Append(names[x.Id]).Where(n => n.Length > 0))))))
            .OrderBy(x => x.Order).ThenBy(x => x.Choice.Path, StringComparer.OrdinalIgnoreCase).Select(x => x.Choice).ToList();
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
