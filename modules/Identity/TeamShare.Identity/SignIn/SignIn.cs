using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.SharedKernel.Security;
using TeamShare.Identity.Data;

namespace TeamShare.Identity.SignIn;

internal enum SignInStatus { Succeeded, Invalid, Throttled }

internal sealed record SignInOutcome(SignInStatus Status, User? User = null);

/// <summary>Checks credentials for both the sign-in page and token creation (ID-8).</summary>
/// <param name="KnownDevice">The browser carries this account's device cookie (<see cref="KnownDevices"/>).</param>
internal sealed record SignInCommand(string Email, string Password, string ClientAddress, bool KnownDevice = false) : IRequest<SignInOutcome>;

internal sealed class SignInHandler(IdentityDbContext db, SignInThrottle throttle, PasswordHashing hashing)
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
        if (user is null || !passwordOk || !user.IsActive) return new SignInOutcome(SignInStatus.Invalid);
        await throttle.SucceededAsync(attempt, ct);
        return new SignInOutcome(SignInStatus.Succeeded, user);
    }
}
