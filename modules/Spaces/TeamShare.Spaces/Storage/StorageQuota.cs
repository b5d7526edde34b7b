using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Storage;

/// <summary>
/// What a team's files take and what its quota leaves (issue 27). Counted: the current content of every file, in the trash
/// too (it is still stored until purged), as Google Drive counts; earlier versions are not, as Dropbox does not.
/// </summary>
internal sealed class StorageQuota(SpacesDbContext db)
{
    /// <summary>The bytes the team may still add, or null when it has no quota (nothing is summed then).</summary>
    public async Task<(long Remaining, long Quota)?> RemainingAsync(Guid teamId, CancellationToken ct)
    {
        var quota = await db.TeamStorage.Where(t => t.TeamId == teamId).Select(t => t.QuotaBytes).FirstOrDefaultAsync(ct);
        if (quota is not { } bytes) return null;
        return (Math.Max(0, bytes - await UsedAsync(teamId, ct)), bytes);
    }

    public Task<long> UsedAsync(Guid teamId, CancellationToken ct) =>
        db.Items.Where(i => i.TeamId == teamId && i.Kind == ItemKinds.File).SumAsync(i => i.Size, ct);
}
