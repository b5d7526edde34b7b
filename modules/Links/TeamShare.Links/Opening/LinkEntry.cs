using Microsoft.AspNetCore.DataProtection;

namespace TeamShare.Links.Opening;

/// <summary>
/// How a visitor came in: the share's own link (/s/{token}, a random token whose SHA-256 is stored) or one of its QR codes
/// (/q/{code}, the QR code's id sealed with ASP.NET Core data protection, valid while the QR code row has not expired).
/// Neither secret is stored, so a QR image can be drawn again from its id at any time.
/// </summary>
internal sealed record LinkEntry(string Prefix, string Token)
{
    public const string LinkPrefix = "s";
    public const string QrPrefix = "q";
    public string Path => $"/{Prefix}/{Token}";
    public bool IsQr => Prefix == QrPrefix;
}

internal sealed class QrCodeSeal(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("TeamShare.Links.QrCode.v1");

    public string Seal(Guid qrId) => _protector.Protect(qrId.ToString("N"));

    public Guid? Open(string code)
    {
        try { return Guid.TryParseExact(_protector.Unprotect(code), "N", out var id) ? id : null; }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}

/// <summary>LK-11: the link-scoped cookie a correct password earns, so later requests do not hash again.</summary>
internal sealed class UnlockCookies(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("TeamShare.Links.Unlock.v1").ToTimeLimitedDataProtector();

    public const string Prefix = "ts_link_";

    public static string NameFor(Guid shareId) => $"{Prefix}{shareId:N}";

    public string Issue(Guid shareId, int passwordVersion) =>
        _protector.Protect($"{shareId:N}:{passwordVersion}", clock.GetUtcNow().Add(Lifetime));

    /// <summary>Valid only for this share and its current password: changing the password locks everyone out again.</summary>
    public bool IsValid(string? cookie, Guid shareId, int passwordVersion)
    {
        if (string.IsNullOrEmpty(cookie)) return false;
        try
        {
            var payload = _protector.Unprotect(cookie, out var expires);
            return expires > clock.GetUtcNow() && payload == $"{shareId:N}:{passwordVersion}";
        }
        catch (System.Security.Cryptography.CryptographicException) { return false; }
    }
}
