using Microsoft.AspNetCore.DataProtection;

namespace TeamShare.Identity.Auth;

/// <summary>Secrets a team gives TeamShare to reach its own servers, kept encrypted with the host's data-protection keys, one purpose each.</summary>
internal static class StoredSecrets
{
    public const string ClientSecret = "TeamShare.SingleSignOn.ClientSecret", BindPassword = "TeamShare.Directory.BindPassword";

    public static string Protect(IDataProtectionProvider protection, string purpose, string secret) => protection.CreateProtector(purpose).Protect(secret);

    public static string Unprotect(IDataProtectionProvider protection, string purpose, string stored) => protection.CreateProtector(purpose).Unprotect(stored);
}
