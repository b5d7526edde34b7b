using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Admin;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;
using TeamShare.Identity.SignIn;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Me;

internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// A member changes their own password (issue 14 finding 11). The current one is checked like a sign-in (same throttle, so
/// this is no side door for guessing); every other browser session of theirs ends, this one stays signed in. Personal access
/// tokens stay: they are revoked one by one, as scripts may depend on them.
/// </summary>
internal sealed record ChangePassword(Guid UserId, string Email, string? Current, string? New, string ClientAddress, Guid? KeepSession)
    : IRequest<Outcome<bool>>;

internal sealed class ChangePasswordHandler(IdentityDbContext db, IMediator mediator, PasswordHashing hashing, TimeProvider clock)
    : IRequestHandler<ChangePassword, Outcome<bool>>
{
    public async ValueTask<Outcome<bool>> Handle(ChangePassword r, CancellationToken ct)
    {
        if (MemberRules.PasswordProblem(r.New) is { } problem) return Outcome<bool>.Invalid("newPassword", problem);
        if (await PasswordConfirmation.RefusalAsync<bool>(mediator, new Confirmed(r.UserId, r.Email, r.Current, r.ClientAddress), ct,
                "currentPassword", "That is not your current password.") is { } refused)
            return refused;

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = hashing.Hash(r.New!);
        await db.Users.Where(u => u.Id == r.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash), ct);
        await db.Sessions.Where(s => s.UserId == r.UserId && s.EndedAt == null && s.Id != r.KeepSession)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        return Outcome<bool>.Success(true);
    }

    public static ChangePassword For(ClaimsPrincipal user, HttpContext http, string? current, string? @new) =>
        new(user.GetUserId(), user.FindFirst(TeamShareClaims.Email)?.Value ?? "", current, @new, ClientAddress.Of(http),
            Guid.TryParse(user.FindFirst(BrowserSessions.Claim)?.Value, out var sid) ? sid : null);
}

internal static class ChangePasswordEndpoint
{
    /// <summary>POST /api/me/password {currentPassword, newPassword}: 204, or a problem naming the field.</summary>
    public static async Task<Results<NoContent, Refusal>> Handle(ChangePasswordRequest body, ClaimsPrincipal user, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(ChangePasswordHandler.For(user, http, body.CurrentPassword, body.NewPassword), ct)).ToHttp(_ => TypedResults.NoContent());
}
