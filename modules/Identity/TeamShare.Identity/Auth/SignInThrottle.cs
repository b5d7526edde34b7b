using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;

namespace TeamShare.Identity.Auth;

/// <summary>
/// ID-8: after 5 failed sign-ins for one e-mail from one address within 15 minutes, that address is refused for
/// that e-mail until the window passes; after 50 for one e-mail from anywhere in an hour, everyone is, except browsers the
/// account signed in on before (<see cref="KnownDevices"/>), so a guesser cannot lock the real person out. Checked before hashing.
/// </summary>
internal sealed class SignInThrottle(IdentityDbContext db, TimeProvider clock)
{
    public const int PerAddressLimit = 5;
    public static readonly TimeSpan PerAddressWindow = TimeSpan.FromMinutes(15);
    public const int PerAccountLimit = 50;
    public static readonly TimeSpan PerAccountWindow = TimeSpan.FromHours(1);

    public async Task<bool> IsThrottledAsync(string normalizedEmail, string address, bool knownDevice, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var addressSince = now - PerAddressWindow;
        var accountSince = now - PerAccountWindow;
        var fromAddress = await db.SignInFailures.CountAsync(
            f => f.NormalizedEmail == normalizedEmail && f.ClientAddress == address && f.At > addressSince, ct);
        if (fromAddress >= PerAddressLimit) return true;
        if (knownDevice) return false;
        var fromAnywhere = await db.SignInFailures.CountAsync(
            f => f.NormalizedEmail == normalizedEmail && f.At > accountSince, ct);
        return fromAnywhere >= PerAccountLimit;
    }

    /// <summary>
    /// Counts this sign-in as a failure before the password is hashed, then checks, so parallel guesses (on any instance) never
    /// get more hashes than the limit. Null: throttled; otherwise the failure's id, withdrawn on success. A refused sign-in
    /// is withdrawn unless it is among the address's first <see cref="PerAddressLimit"/> in the window, so a flood refused
    /// whole (every attempt saw the others) still leaves the address closed.
    /// </summary>
    public async Task<long?> ReserveAsync(string normalizedEmail, string address, bool knownDevice, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempt = new SignInFailure { NormalizedEmail = normalizedEmail, ClientAddress = address, At = now };
        db.SignInFailures.Add(attempt);
        await db.SaveChangesAsync(ct);
        var addressSince = now - PerAddressWindow;
        var accountSince = now - PerAccountWindow;
        var over = await db.SignInFailures.CountAsync(f => f.NormalizedEmail == normalizedEmail && f.ClientAddress == address && f.At > addressSince, ct) > PerAddressLimit
                   || (!knownDevice && await db.SignInFailures.CountAsync(f => f.NormalizedEmail == normalizedEmail && f.At > accountSince, ct) > PerAccountLimit);
        if (!over)
        {
            // Housekeeping on the write path keeps the table small without a separate job.
            await db.SignInFailures.Where(f => f.At < accountSince).ExecuteDeleteAsync(ct);
            return attempt.Id;
        }
        var earlier = await db.SignInFailures.CountAsync(
            f => f.NormalizedEmail == normalizedEmail && f.ClientAddress == address && f.At > addressSince && f.Id < attempt.Id, ct);
        if (earlier >= PerAddressLimit) await SucceededAsync(attempt.Id, ct);
        return null;
    }

    public async Task SucceededAsync(long attemptId, CancellationToken ct) =>
        await db.SignInFailures.Where(f => f.Id == attemptId).ExecuteDeleteAsync(ct);
}
