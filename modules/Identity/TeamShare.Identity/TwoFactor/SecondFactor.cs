using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.TwoFactor;

internal enum SecondFactorCheck { Ok, Missing, Invalid, Throttled }

/// <summary>
/// Issue 29: two-factor sign-in with an authenticator app (TOTP, RFC 6238: 6 digits, 30 s, SHA-1, one step of clock drift
/// either way) and ten one-time recovery codes. The secret is kept encrypted with the data-protection keys; a code is never
/// accepted twice; wrong codes count in the sign-in throttle like wrong passwords.
/// </summary>
internal sealed class SecondFactor(IdentityDbContext db, IDataProtectionProvider protection, TimeProvider clock, SignInThrottle throttle)
{
    public const int RecoveryCodeCount = 10;
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);
    private IDataProtector Protector => protection.CreateProtector("TeamShare.Identity.Totp");

    /// <summary>A new secret for <paramref name="user"/> (tracked), not yet in force: a code from the app confirms it.</summary>
    public (string Secret, string OtpauthUri) Start(User user)
    {
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        user.TotpSecret = Protector.Protect(secret);
        user.TotpEnabledAt = null;
        user.TotpLastStep = null;
        var label = Uri.EscapeDataString($"TeamShare:{user.Email}");
        return (secret, $"otpauth://totp/{label}?secret={secret}&issuer=TeamShare&algorithm=SHA1&digits=6&period=30");
    }

    /// <summary>Whether <paramref name="code"/> is the app's current code (or one step off) and newer than the last one used; if so it is used up.</summary>
    public bool UseTotp(User user, string code)
    {
        if (user.TotpSecret is null || code.Length != 6 || !code.All(char.IsAsciiDigit)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(Protector.Unprotect(user.TotpSecret)));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, Drift) || step <= (user.TotpLastStep ?? -1)) return false;
        user.TotpLastStep = step;
        return true;
    }

    public async Task<bool> UseRecoveryCodeAsync(User user, string code, CancellationToken ct)
    {
        var hash = Hash(code);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.RecoveryCodes.Where(c => c.UserId == user.Id && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 1;
    }

    /// <summary>Ten fresh codes ("abcde-fghij"), replacing any earlier ones; shown once.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Guid userId, CancellationToken ct)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ =>
        {
            var text = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(7)).ToLowerInvariant()[..10];
            return $"{text[..5]}-{text[5..]}";
        }).ToList();
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { Id = Guid.CreateVersion7(), UserId = userId, CodeHash = Hash(c) }));
        return codes;
    }

    public async Task RemoveAsync(Guid userId, CancellationToken ct)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.TotpSecret, (string?)null).SetProperty(u => u.TotpEnabledAt, (DateTime?)null)
            .SetProperty(u => u.TotpLastStep, (long?)null), ct);
    }

    /// <summary>
    /// The second step of a sign-in (the page's, or a token's): a TOTP or an unused recovery code, throttled with the
    /// password's guesses for that account and address. Saves what it used up.
    /// </summary>
    public async Task<(SecondFactorCheck Check, User? User)> CheckAsync(Guid userId, string? code, string address, bool knownDevice, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, ct);
        if (user is null) return (SecondFactorCheck.Invalid, null);
        if (string.IsNullOrWhiteSpace(code)) return (SecondFactorCheck.Missing, user);
        var email = Principals.Normalize(user.Email);
        if (await throttle.IsThrottledAsync(email, address, knownDevice, ct)
            || await throttle.ReserveAsync(email, address, knownDevice, ct) is not { } attempt)
            return (SecondFactorCheck.Throttled, user);
        var given = code.Trim();
        if (!UseTotp(user, given.Replace(" ", "")) && !await UseRecoveryCodeAsync(user, given, ct)) return (SecondFactorCheck.Invalid, user);
        await db.SaveChangesAsync(ct);
        await throttle.SucceededAsync(attempt, ct);
        return (SecondFactorCheck.Ok, user);
    }

    private static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToLowerInvariant().Replace(" ", "")));
}
