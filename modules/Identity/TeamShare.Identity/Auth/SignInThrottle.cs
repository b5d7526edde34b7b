using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Auth;

/// <summary>
/// ID-8, issue 29: after 5 failed sign-ins for one e-mail from one address within 15 minutes, that address is refused for
/// that e-mail until the window passes; after 50 failures from one address in an hour, for any e-mails, that address is
/// refused for every account, except in browsers an account signed in on before (<see cref="KnownDevices"/>). An account
/// never closes to everyone: guesses spread over many addresses slow each address, never lock the real person out, and
/// mail them (<see cref="BurstMail"/>). Checked before hashing.
/// </summary>
internal sealed class SignInThrottle(IdentityDbContext db, TimeProvider clock)
{
    public static readonly ThrottleLimits Limits = new(5, TimeSpan.FromMinutes(15), PerKey: null, TimeSpan.FromHours(1), PerAddressAnyKey: 50);

    /// <summary>From this many failures for an account within the hour, its owner is mailed (once per clock hour).</summary>
    public const int BurstMail = 20;

    /// <summary>Failed sign-ins for an account in the last hour, and from how many addresses.</summary>
    public async Task<(int Failures, int Addresses)> RecentAsync(string normalizedEmail, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - Limits.PerKeyWindow;
        var recent = db.SignInFailures.Where(f => f.NormalizedEmail == normalizedEmail && f.At > since);
        return (await recent.CountAsync(ct), await recent.Select(f => f.ClientAddress).Distinct().CountAsync(ct));
    }
    private readonly FailureThrottle<SignInFailure> _failures = new(db, clock, Limits);

    public Task<bool> IsThrottledAsync(string normalizedEmail, string address, bool knownDevice, CancellationToken ct) =>
        _failures.IsThrottledAsync(f => f.NormalizedEmail == normalizedEmail, address, knownDevice, ct);

    public Task<long?> ReserveAsync(string normalizedEmail, string address, bool knownDevice, CancellationToken ct) =>
        _failures.ReserveAsync(f => f.NormalizedEmail == normalizedEmail,
            now => new SignInFailure { NormalizedEmail = normalizedEmail, ClientAddress = address, At = now }, knownDevice, ct);

    public Task SucceededAsync(long attemptId, CancellationToken ct) => _failures.SucceededAsync(attemptId, ct);
}
