using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.Links.Data;
using TeamShare.Links.Opening;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Links.Create;

/// <summary>The public URL of a link or QR code: the team's verified custom domain (LK-10), else the configured base, else the request's.</summary>
internal sealed class LinkUrls(LinksDbContext db, IOptions<TeamShareOptions> options)
{
    /// <param name="requestOrigin">See <see cref="OriginOf"/>.</param>
    public async Task<string> ForAsync(string requestOrigin, Guid teamId, LinkEntry entry, CancellationToken ct) =>
        await BaseAsync(requestOrigin, teamId, ct) + entry.Path;

    /// <summary>Where a request came to ("https://host/base"): links fall back to it when nothing else is configured.</summary>
    public static string OriginOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>The base every link of the team starts with, for lists that show many links.</summary>
    /// <param name="requestOrigin">See <see cref="OriginOf"/>.</param>
    public async Task<string> BaseAsync(string requestOrigin, Guid teamId, CancellationToken ct)
    {
        var domain = await db.TeamSettings.AsNoTracking().Where(t => t.TeamId == teamId)
            .Where(t => t.DomainVerifiedAt != null).Select(t => t.CustomDomain).FirstOrDefaultAsync(ct);
        return domain is { Length: > 0 } ? $"https://{domain}"
            : options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
            : requestOrigin;
    }

    /// <summary>A share's link again, for its owner; null when it cannot be given (see <see cref="LinkTokenVault.Reveal"/>).</summary>
    public static string? Again(string linkBase, Link share, LinkTokenVault vault) =>
        vault.Reveal(share) is { } token ? linkBase + new LinkEntry(LinkEntry.LinkPrefix, token).Path : null;
}
