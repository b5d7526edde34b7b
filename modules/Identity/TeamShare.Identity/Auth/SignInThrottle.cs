using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Auth;

/// <summary>
/// ID-8: after 5 failed sign-ins for one e-mail from one address within 15 minutes, that address is refused for
/// that e-mail until the window passes; after 50 for one e-mail from anywhere in an hour, everyone is, except browsers the
/// account signed in on before (<see cref="KnownDevices"/>), so a guesser cannot lock the real person out. Checked before hashing.
/// </summary>
internal sealed class SignInThrottle(IdentityDbContext db, TimeProvider clock)
{
    public static readonly ThrottleLimits Limits = new(5, TimeSpan.FromMinutes(15), 50, TimeSpan.FromHours(1));
    private readonly FailureThrottle<SignInFailure> _failures = new(db, clock, Limits);

    public Task<bool> IsThrottledAsync(string normalizedEmail, string address, bool knownDevice, CancellationToken ct) =>
        _failures.IsThrottledAsync(f => f.NormalizedEmail == normalizedEmail, address, knownDevice, ct);

    public Task<long?> ReserveAsync(string normalizedEmail, string address, bool knownDevice, CancellationToken ct) =>
        _failures.ReserveAsync(f => f.NormalizedEmail == normalizedEmail,
            now => new SignInFailure { NormalizedEmail = normalizedEmail, ClientAddress = address, At = now }, knownDevice, ct);

    public Task SucceededAsync(long attemptId, CancellationToken ct) => _failures.SucceededAsync(attemptId, ct);
}
