using Microsoft.AspNetCore.DataProtection;

namespace TeamShare.Invitations.External;

/// <summary>
/// SH-4: an external recipient's private link carries the invitation id and its version, signed and time-limited by ASP.NET
/// Core data protection under its own purpose. The signature only proves the link is ours; every use also checks the
/// invitation row, so revoking, expiry and the team's external-sharing switch take effect at once.
/// </summary>
internal sealed class ExternalLinks(IDataProtectionProvider provider)
{
    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("TeamShare.Invitations.ExternalLink.v1").ToTimeLimitedDataProtector();

    /// <summary>The model key of a queued external mail that holds the link's base; the link itself is signed at send time.</summary>
    public const string BaseKey = "external_link_base";

    public string Sign(Guid invitationId, int version, DateTime expiresAt) =>
        _protector.Protect($"{invitationId:N}:{version}", new DateTimeOffset(expiresAt, TimeSpan.Zero));

    public (Guid InvitationId, int Version)? Read(string token)
    {
        try
        {
            var parts = _protector.Unprotect(token).Split(':');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) && int.TryParse(parts[1], out var version) ? (id, version) : null;
        }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
