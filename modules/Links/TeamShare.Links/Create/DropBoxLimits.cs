using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Links.Create;

/// <summary>
/// Issue 27: what a link that takes uploads may receive in all. The team's admins set the most one link may take (1 GB
/// unless they change it); a sharer may set less on their link. A link without its own limit, and every link once the team's
/// limit is lowered, takes the team's.
/// </summary>
internal static class DropBoxLimits
{
    public static async Task<long> TeamLimitAsync(LinksDbContext db, Guid teamId, CancellationToken ct) =>
        await db.TeamSettings.Where(t => t.TeamId == teamId).Select(t => t.DropBoxLimitBytes).FirstOrDefaultAsync(ct) ?? LinkLimits.DefaultDropBoxBytes;

    /// <summary>Null when the sharer's limit is allowed; else the sentence for the field.</summary>
    public static string? Problem(long? asked, long teamLimit) => asked is { } bytes && (bytes < 1 || bytes > teamLimit)
        ? $"A link may receive at most {teamLimit:N0} bytes in all; your team's admins set this."
        : null;

    public static long Cap(Link share, long teamLimit) => Math.Min(share.UploadLimitBytes ?? teamLimit, teamLimit);

    public static long Remaining(Link share, long teamLimit) => Math.Max(0, Cap(share, teamLimit) - share.UploadedBytes);

    /// <summary>507, as for a full team quota: the link has no room for this file.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Full(Link share, long teamLimit) => Problems.Status(507, "This link is full",
        $"This link accepts {Cap(share, teamLimit):N0} bytes in all, and this file does not fit.", "link_quota_reached");
}

/// <summary>The most one link of the team may receive (issue 27).</summary>
internal sealed record GetDropBoxLimit(Guid TeamId) : Mediator.IRequest<long>;

internal sealed class GetDropBoxLimitHandler(LinksDbContext db) : Mediator.IRequestHandler<GetDropBoxLimit, long>
{
    public async ValueTask<long> Handle(GetDropBoxLimit request, CancellationToken ct) => await DropBoxLimits.TeamLimitAsync(db, request.TeamId, ct);
}
