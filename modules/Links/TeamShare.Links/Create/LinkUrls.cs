using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.Links.Data;
using TeamShare.Links.Opening;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Links.Create;

/// <summary>
/// The public URL of a link or QR code: the team's verified custom domain (LK-10), else the server's public address
/// (<see cref="PublicAddress"/>: <c>TeamShare:PublicBaseUrl</c>, else where it listens), the same base mails use. Never the
/// request's Host or X-Forwarded-Host, which a client chooses (issue 27 L3).
/// </summary>
internal sealed class LinkUrls(LinksDbContext db, IOptions<TeamShareOptions> options, IServer? server = null)
{
    public async Task<string> ForAsync(Guid teamId, LinkEntry entry, CancellationToken ct) => await BaseAsync(teamId, ct) + entry.Path;

    /// <summary>The base every link of the team starts with, for lists that show many links.</summary>
    public async Task<string> BaseAsync(Guid teamId, CancellationToken ct)
    {
        var domain = await db.TeamSettings.AsNoTracking().Where(t => t.TeamId == teamId)
            .Where(t => t.DomainVerifiedAt != null).Select(t => t.CustomDomain).FirstOrDefaultAsync(ct);
        return domain is { Length: > 0 } ? $"https://{domain}" : PublicAddress.Of(options.Value, server);
    }

    /// <summary>A share's link again, for its owner; null when it cannot be given (see <see cref="LinkTokenVault.Reveal"/>).</summary>
    public static string? Again(string linkBase, Link share, LinkTokenVault vault) =>
        vault.Reveal(share) is { } token ? linkBase + new LinkEntry(LinkEntry.LinkPrefix, token).Path : null;
}
