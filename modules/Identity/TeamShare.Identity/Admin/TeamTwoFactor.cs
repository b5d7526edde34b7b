using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Admin;

/// <param name="Require">"off", "admins" (the owner and admins) or "everyone".</param>
internal sealed record TwoFactorPolicyDto(string? Require);

/// <summary>
/// Issue 29: a team requires two-factor sign-in of its admins or of everyone. A member it holds who has none yet can only set
/// one up (<see cref="TwoFactorRequirement"/>) until they do; the drive's app passwords keep working.
/// </summary>
internal sealed record SetTwoFactorPolicy(Guid TeamId, string? Require) : IRequest<Outcome<TwoFactorPolicyDto>>;

internal sealed record GetTwoFactorPolicy(Guid TeamId) : IRequest<TwoFactorPolicyDto>;

internal sealed class TwoFactorPolicyHandler(IdentityDbContext db)
    : IRequestHandler<SetTwoFactorPolicy, Outcome<TwoFactorPolicyDto>>, IRequestHandler<GetTwoFactorPolicy, TwoFactorPolicyDto>
{
    public static readonly string[] Choices = ["off", "admins", "everyone"];

    public async ValueTask<Outcome<TwoFactorPolicyDto>> Handle(SetTwoFactorPolicy r, CancellationToken ct)
    {
        if (!Choices.Contains(r.Require)) return Outcome<TwoFactorPolicyDto>.Invalid("require", "Choose off, admins or everyone.");
        var stored = r.Require == "off" ? null : r.Require;
        await db.Teams.Where(t => t.Id == r.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.RequireTwoFactor, stored), ct);
        return Outcome<TwoFactorPolicyDto>.Success(new TwoFactorPolicyDto(r.Require));
    }

    public async ValueTask<TwoFactorPolicyDto> Handle(GetTwoFactorPolicy r, CancellationToken ct) =>
        new(await db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.RequireTwoFactor).FirstOrDefaultAsync(ct) ?? "off");
}

internal static class TwoFactorPolicyEndpoints
{
    public static async Task<Ok<TwoFactorPolicyDto>> Get(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetTwoFactorPolicy(user.GetTeamId()), ct));

    public static async Task<Results<Ok<TwoFactorPolicyDto>, Refusal>> Put(TwoFactorPolicyDto body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetTwoFactorPolicy(user.GetTeamId(), body.Require), ct)).ToHttp(TypedResults.Ok);
}
