using Microsoft.AspNetCore.DataProtection;
using TeamShare.Links.Data;

namespace TeamShare.Links.Create;

/// <summary>
/// Keeps a link's token encrypted with ASP.NET Core data protection so the sharer can copy the link again from My Shares and the
/// share's page, as Dropbox and Drive let them; lookups still go by the token's SHA-256. See docs/link-security.md for what
/// this means for a stolen database.
/// </summary>
internal sealed class LinkTokenVault(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("TeamShare.Links.Token.v1");

    public string Protect(string token) => _protector.Protect(token);

    /// <summary>The token of a share that can still be opened by it, or null (canceled, made before tokens were kept, keys lost).</summary>
    public string? Reveal(Link share)
    {
        if (share.TokenProtected is null || share.CanceledAt is not null) return null;
        try { return _protector.Unprotect(share.TokenProtected); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
