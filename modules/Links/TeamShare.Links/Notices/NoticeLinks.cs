using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Links.Notices;

/// <summary>
/// The one-click "no more mails about this link" address in each notice: the link's id sealed with the data-protection keys,
/// so it cannot be made for another link, and it needs no sign-in (the mail may be read on a phone).
/// </summary>
internal sealed class NoticeLinks(IDataProtectionProvider protection, IServiceProvider services)
{
    private readonly IDataProtector _protector = protection.CreateProtector("TeamShare.Links.Notices.Unsubscribe");

    public string UnsubscribeUrl(Guid shareId) =>
        $"{PublicAddress.ForMessages(services)}/notices/off?t={Uri.EscapeDataString(_protector.Protect(shareId.ToString("N")))}";

    /// <summary>The link a token names, or null when it was tampered with or made with other keys.</summary>
    public Guid? Open(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try { return Guid.TryParseExact(_protector.Unprotect(token), "N", out var id) ? id : null; }
        catch (CryptographicException) { return null; }
    }
}
