using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Admin;
using TeamShare.Identity.Data;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Identity.TwoFactor;

internal sealed record TotpSetupDto(string Secret, string OtpauthUri);

internal sealed record RecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);

internal sealed record CodeRequest(string? Code);

/// <param name="Enabled">Whether a sign-in needs a code from the member's authenticator.</param>
/// <param name="Passkey">Whether the member has a passkey, which a sign-in with the password also asks for.</param>
internal sealed record SecondFactorStatus(bool Enabled, bool Pending, int RecoveryCodesLeft, bool Passkey);

/// <summary>Issue 29: a new authenticator secret, in force once a code from it is confirmed.</summary>
internal sealed record StartTotp(Guid UserId) : IRequest<Outcome<TotpSetupDto>>;

internal sealed record ConfirmTotp(Guid UserId, string? Code) : IRequest<Outcome<RecoveryCodesDto>>;

internal sealed record RemoveTotp(Me.Confirmed Who) : IRequest<Outcome<bool>>;

internal sealed record GetSecondFactor(Guid UserId) : IRequest<SecondFactorStatus>;

/// <summary>The second step of a browser sign-in: the code checked (throttled), and the account when it is a live one.</summary>
internal sealed record CheckSecondFactor(Guid UserId, string? Code, string ClientAddress) : IRequest<(SecondFactorCheck Check, User? User)>;

/// <summary>An admin clears a member's second factor (a lost phone and lost codes); the member signs in with the password again.</summary>
internal sealed record ResetSecondFactor(Actor Actor, Guid MemberId) : IRequest<Outcome<bool>>;

internal sealed class ConfirmTotpValidator : IValidator<ConfirmTotp>
{
    public IReadOnlyDictionary<string, string[]> Validate(ConfirmTotp request) => string.IsNullOrWhiteSpace(request.Code)
        ? Invalid.Field("code", "Enter the 6-digit code your authenticator app shows.") : Invalid.None;
}

internal sealed class TwoFactorHandler(IdentityDbContext db, SecondFactor factor, TimeProvider clock, StagedNotifications staged, IMediator mediator) :
    IRequestHandler<StartTotp, Outcome<TotpSetupDto>>, IRequestHandler<ConfirmTotp, Outcome<RecoveryCodesDto>>,
    IRequestHandler<RemoveTotp, Outcome<bool>>, IRequestHandler<GetSecondFactor, SecondFactorStatus>, IRequestHandler<ResetSecondFactor, Outcome<bool>>,
    IRequestHandler<CheckSecondFactor, (SecondFactorCheck Check, User? User)>
{
    public async ValueTask<(SecondFactorCheck Check, User? User)> Handle(CheckSecondFactor request, CancellationToken ct) =>
        await factor.CheckAsync(request.UserId, request.Code, request.ClientAddress, knownDevice: false, ct);

    public async ValueTask<Outcome<TotpSetupDto>> Handle(StartTotp request, CancellationToken ct)
    {
        var user = await db.Users.FirstAsync(u => u.Id == request.UserId, ct);
        if (user.TotpEnabledAt is not null)
            return Outcome<TotpSetupDto>.Fail(Refused.Conflict, "Already on", "Two-factor sign-in is already on. Turn it off first to set up another authenticator.", "already_on");
        var (secret, uri) = factor.Start(user);
        await db.SaveChangesAsync(ct);
        return Outcome<TotpSetupDto>.Success(new TotpSetupDto(secret, uri));
    }

    public async ValueTask<Outcome<RecoveryCodesDto>> Handle(ConfirmTotp request, CancellationToken ct)
    {
        var user = await db.Users.FirstAsync(u => u.Id == request.UserId, ct);
        if (user.TotpSecret is null || user.TotpEnabledAt is not null)
            return Outcome<RecoveryCodesDto>.Fail(Refused.Conflict, "Nothing to confirm", "Set up an authenticator first.", "not_started");
        if (!factor.UseTotp(user, request.Code!.Trim().Replace(" ", "")))
            return Outcome<RecoveryCodesDto>.Invalid("code", "That code is not right. Check the time on your phone and try the next code.");
        user.TotpEnabledAt = clock.GetUtcNow().UtcDateTime;
        var codes = await factor.NewRecoveryCodesAsync(user.Id, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<RecoveryCodesDto>.Success(new RecoveryCodesDto(codes));
    }

    public async ValueTask<Outcome<bool>> Handle(RemoveTotp request, CancellationToken ct)
    {
        if (await Me.PasswordConfirmation.RefusalAsync<bool>(mediator, request.Who, ct) is { } refused) return refused;
        await factor.RemoveAsync(request.Who.UserId, ct);
        return Outcome<bool>.Success(true);
    }

    public async ValueTask<SecondFactorStatus> Handle(GetSecondFactor request, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == request.UserId)
            .Select(u => new { Enabled = u.TotpEnabledAt != null, Pending = u.TotpSecret != null && u.TotpEnabledAt == null, u.HasPasskey }).FirstAsync(ct);
        var left = user.Enabled ? await db.RecoveryCodes.CountAsync(c => c.UserId == request.UserId && c.UsedAt == null, ct) : 0;
        return new SecondFactorStatus(user.Enabled, user.Pending, left, user.HasPasskey);
    }

    public async ValueTask<Outcome<bool>> Handle(ResetSecondFactor request, CancellationToken ct)
    {
        var role = await db.Users.Where(u => u.Id == request.MemberId && u.TeamId == request.Actor.TeamId && u.RemovedAt == null)
            .Select(u => u.Role).FirstOrDefaultAsync(ct);
        if (role is null) return Outcome<bool>.NotFound();
        if (role == TeamRoles.Owner && request.Actor.Role != TeamRoles.Owner)
            return Outcome<bool>.Forbidden("Only the owner can reset the owner's second factor.", "owner_only");
        // Issue 29.3: the team's activity log says who lifted whose second factor, written in the same transaction as the reset.
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await factor.RemoveAsync(request.MemberId, ct);
        // Every second factor: a lost phone often goes with a lost laptop; the member adds them again once signed in.
        await db.Passkeys.Where(p => p.UserId == request.MemberId).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.Id == request.MemberId).ExecuteUpdateAsync(s => s.SetProperty(u => u.HasPasskey, false), ct);
        var reset = new SharingActivityOccurred(request.Actor.TeamId, request.Actor.UserId, "second_factor_reset", request.MemberId,
            $"user:{request.MemberId}", null, now);
        staged.Stage(db, reset, reset.EventId, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<bool>.Success(true);
    }
}

internal static class TwoFactorEndpoints
{
    public static async Task<Results<Created<TotpSetupDto>, Refusal>> Start(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new StartTotp(user.GetUserId()), ct)).ToHttp(s => TypedResults.Created("/api/me/totp", s));

    public static async Task<Results<Ok<RecoveryCodesDto>, Refusal>> Confirm(CodeRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ConfirmTotp(user.GetUserId(), body.Code), ct)).ToHttp(TypedResults.Ok);

    public static async Task<Results<NoContent, Refusal>> Remove(ClaimsPrincipal user, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RemoveTotp(Me.Confirmed.By(user, http, await Me.PasswordBody.PasswordOfAsync(http.Request, ct))), ct))
        .ToHttp(_ => TypedResults.NoContent());

    public static async Task<Ok<SecondFactorStatus>> Status(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetSecondFactor(user.GetUserId()), ct));

    public static async Task<Results<NoContent, Refusal>> Reset(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ResetSecondFactor(Actor.Of(user), id), ct)).ToHttp(_ => TypedResults.NoContent());
}
