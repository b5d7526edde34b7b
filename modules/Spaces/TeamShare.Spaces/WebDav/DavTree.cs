using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.WebDav;

/// <summary>
/// A WebDAV path resolved: <see cref="Path"/> holds the space's root folder and every item down to the deepest one that
/// exists. <see cref="Item"/> is the resource named (null when unmapped); <see cref="Parent"/> the folder that holds or would
/// hold it (null when a folder on the way is missing). <see cref="Role"/> is the caller's SP-8 role on the deepest item found,
/// so what a member may not see answers exactly like what does not exist. <see cref="Prefix"/> is the space's address as the
/// client named it: by its folder at the drive's root, or by id.
/// </summary>
internal sealed record DavNode(Space Space, string Prefix, string[] Segments, IReadOnlyList<Item> Path, Item? Item, Item? Parent, AccessRole Role)
{
    public string Name => Segments.Length == 0 ? Space.Name : Segments[^1];
    public bool IsRoot => Segments.Length == 0;

    public string Href => DavRequest.Href(Prefix, Segments, Item?.Kind != ItemKinds.File);

    /// <summary>The href of an item on the path (the root, a folder above, or the item itself).</summary>
    public string? HrefOf(Guid itemId)
    {
        for (var k = 0; k < Path.Count; k++)
            if (Path[k].Id == itemId) return DavRequest.Href(Prefix, Segments[..k], Path[k].Kind != ItemKinds.File);
        return null;
    }
}

internal sealed class DavTree(SpacesDbContext db, EffectiveRoles roles, VisibleSpaces visible)
{
    /// <summary>A path under a space's folder at the drive's root (<c>/dav/{folder}/…</c>); null when the member has no such folder.</summary>
    public async Task<DavNode?> ResolveInDriveAsync(Guid userId, Guid teamId, string culture, string folder, string[] segments, CancellationToken ct)
    {
        var spaces = await visible.ForAsync(userId, teamId, ct);
        var match = DriveFolders.Of(spaces, visible.PersonalNameIn(culture)).FirstOrDefault(f => string.Equals(f.Folder, folder, StringComparison.OrdinalIgnoreCase));
        return match.Space is null ? null : await ResolveAsync(userId, teamId, match.Space.Id, segments, ct, DriveFolders.Href(match.Folder));
    }

    public async Task<DavNode?> ResolveAsync(Guid userId, Guid teamId, Guid spaceId, string[] segments, CancellationToken ct, string? prefix = null)
    {
        var space = await db.Spaces.AsNoTracking().FirstOrDefaultAsync(s => s.Id == spaceId && s.TeamId == teamId, ct);
        if (space is null) return null;
        prefix ??= $"/dav/spaces/{space.Id}";
        var root = await db.Items.AsNoTracking().FirstAsync(i => i.Id == space.RootItemId, ct);
        var path = new List<Item> { root };
        for (var k = 0; k < segments.Length; k++)
        {
            var key = ItemNames.Key(segments[k]);
            var current = path[^1];
            var child = current.Kind != ItemKinds.Folder ? null : await db.Items.AsNoTracking()
                .FirstOrDefaultAsync(i => i.ParentId == current.Id && i.TrashedAt == null && i.NameKey == key, ct);
            if (child is null)
            {
                var last = k == segments.Length - 1 && current.Kind == ItemKinds.Folder;
                return new DavNode(space, prefix, segments, path, null, last ? current : null, await RoleThroughAsync(userId, teamId, path, ct));
            }
            path.Add(child);
        }
        var item = path[^1];
        return new DavNode(space, prefix, segments, path, item, path.Count > 1 ? path[^2] : null, await RoleThroughAsync(userId, teamId, path, ct));
    }

    /// <summary>
    /// The role on the last item of <paramref name="path"/>, or none when the path goes through a folder the caller may not
    /// open (issue 27 L5): the web shows such a folder as "…", so a path that names it answers like one that does not exist,
    /// and a guessed name is confirmed by nothing. Roles only grow downwards, so the folders on the way are all open when
    /// the first one below the space's root is.
    /// </summary>
    private async Task<AccessRole> RoleThroughAsync(Guid userId, Guid teamId, List<Item> path, CancellationToken ct)
    {
        var role = await roles.RoleOnAsync(userId, teamId, path[^1], ct);
        if (role == AccessRole.None || path.Count < 3 || path[0].OwnerUserId == userId) return role;
        return await roles.RoleOnAsync(userId, teamId, path[1], ct) == AccessRole.None ? AccessRole.None : role;
    }

    /// <summary>
    /// A path of this deployment's member WebDAV (<c>/dav/{folder}/a/b</c> or <c>/dav/spaces/{id}/a/b</c>), resolved; null when
    /// it is not one.
    /// </summary>
    public async Task<DavNode?> ResolvePathAsync(Guid userId, Guid teamId, string culture, string path, CancellationToken ct)
    {
        var parts = DavRequest.Segments(path);
        if (!InDrive(path) || parts.Length < 2) return null;
        if (parts[1] != "spaces") return await ResolveInDriveAsync(userId, teamId, culture, parts[1], parts[2..], ct);
        return parts.Length >= 3 && Guid.TryParse(parts[2], out var spaceId) ? await ResolveAsync(userId, teamId, spaceId, parts[3..], ct) : null;
    }

    /// <summary>Whether a path is in the members' drive (not elsewhere on this server, nor a link's folder).</summary>
    public static bool InDrive(string path) =>
        path.StartsWith("/dav/", StringComparison.Ordinal) && !path.StartsWith("/dav/links/", StringComparison.Ordinal);
}
