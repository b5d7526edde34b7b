using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Blobs;

/// <summary>Which stored contents a file or one of its versions names: what the sweep and the check must never take.</summary>
internal static class BlobNames
{
    public static async Task<IReadOnlySet<string>> NamedAsync(SpacesDbContext db, IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        var versions = await db.Versions.Where(v => hashes.Contains(v.ContentSha256)).Select(v => v.ContentSha256).Distinct().ToListAsync(ct);
        var items = await db.Items.Where(i => i.ContentSha256 != null && hashes.Contains(i.ContentSha256))
            .Select(i => i.ContentSha256!).Distinct().ToListAsync(ct);
        return versions.Concat(items).ToHashSet();
    }
}
