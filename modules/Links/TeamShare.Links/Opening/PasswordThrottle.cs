using TeamShare.Links.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Opening;

/// <summary>
/// LK-11: 5 wrong passwords for one link from one address within 15 minutes close that link to that address; 100 from all
/// addresses within an hour close it to everyone but signed-in team members. Counted in the database (restarts, instances).
/// </summary>
internal sealed class PasswordThrottle(LinksDbContext db, TimeProvider clock)
{
    public static readonly ThrottleLimits Limits = new(5, TimeSpan.FromMinutes(15), 100, TimeSpan.FromHours(1));
    private readonly FailureThrottle<PasswordFailure> _failures = new(db, clock, Limits);

    public Task<bool> IsThrottledAsync(Guid shareId, string address, bool member, CancellationToken ct) =>
        _failures.IsThrottledAsync(f => f.ShareId == shareId, address, member, ct);

    public Task<long?> ReserveAsync(Guid shareId, string address, bool member, CancellationToken ct) =>
        _failures.ReserveAsync(f => f.ShareId == shareId,
            now => new PasswordFailure { ShareId = shareId, ClientAddress = address, At = now }, member, ct);

    public Task SucceededAsync(long attemptId, CancellationToken ct) => _failures.SucceededAsync(attemptId, ct);
}
