using System.Globalization;
using Mediator;
using TeamShare.Invitations.Contracts;
using TeamShare.SharedKernel.Localization;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.SharedKernel.Security;
using TeamShare.Identity.Data;

namespace TeamShare.Identity.SignIn;

/// <summary><c>SingleSignOnRequired</c>: the password was right, but the team signs its members in through its provider only.</summary>
internal enum SignInStatus { Succeeded, Invalid, Throttled, SingleSignOnRequired }

internal sealed record SignInOutcome(SignInStatus Status, User? User = null);

/// <summary>Checks credentials for both the sign-in page and token creation (ID-8).</summary>
/// <param name="KnownDevice">The browser carries this account's device cookie (<see cref="KnownDevices"/>).</param>
internal sealed record SignInCommand(string Email, string Password, string ClientAddress, bool KnownDevice = false) : IRequest<SignInOutcome>;

internal sealed class SignInHandler(IdentityDbContext db, SignInThrottle throttle, PasswordHashing hashing, IMediator mediator, TimeProvider clock)
    : IRequestHandler<SignInCommand, SignInOutcome>
{
    public async ValueTask<SignInOutcome> Handle(SignInCommand request, CancellationToken ct)
    {
        var email = Principals.Normalize(request.Email ?? "");
        if (await throttle.IsThrottledAsync(email, request.ClientAddress, request.KnownDevice, ct))
            return new SignInOutcome(SignInStatus.Throttled);

        if (await throttle.ReserveAsync(email, request.ClientAddress, request.KnownDevice, ct) is not { } attempt)
            return new SignInOutcome(SignInStatus.Throttled);

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
        // Always hash, so an unknown e-mail takes as long as a wrong password.
        var passwordOk = await hashing.VerifyAsync(user?.PasswordHash, request.Password ?? "", ct);
        // The reserved failure stays a failure unless this was the right password of an active account.
        if (user is null || !passwordOk || !user.IsActive)
        {
            if (user is { IsActive: true }) await TellOfBurstAsync(user, email, ct);
            return new SignInOutcome(SignInStatus.Invalid);
        }
        await throttle.SucceededAsync(attempt, ct);
        return await SingleSignOn.SingleSignOnRequirement.AppliesToAsync(db, user, ct)
            ? new SignInOutcome(SignInStatus.SingleSignOnRequired, user)
            : new SignInOutcome(SignInStatus.Succeeded, user);
    }

    /// <summary>
    /// Issue 29: many wrong passwords for an account within the hour tell its owner, at most once per clock hour: their account
    /// is not locked (the guessers' addresses are slowed), and a weak password is worth changing.
    /// </summary>
    private async Task TellOfBurstAsync(User user, string email, CancellationToken ct)
    {
        var (failures, addresses) = await throttle.RecentAsync(email, ct);
        if (failures < SignInThrottle.BurstMail) return;
        var model = new Dictionary<string, string>
        {
            ["display_name"] = user.DisplayName, ["failures"] = failures.ToString(CultureInfo.InvariantCulture),
            ["addresses"] = addresses.ToString(CultureInfo.InvariantCulture), [Cultures.MailKey] = user.Locale ?? Cultures.Current,
        };
        var hour = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        await mediator.Send(new QueueMail(user.TeamId, user.Email, "signin-burst", model, $"signin-burst:{user.Id}:{hour}", SendNow: true), ct);
    }
}
