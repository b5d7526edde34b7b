using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.Identity.Auth;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.SingleSignOn;

/// <summary>Issue 29: the owner's settings, the sign-in page's discovery, and the two legs of the browser's trip to the provider.</summary>
internal static class SingleSignOnEndpoints
{
    public static async Task<Ok<SingleSignOnDto>> Get(ClaimsPrincipal user, HttpContext http, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetSingleSignOn(user.GetTeamId(), PublicAddress.ForMessages(http)), ct));

    public static async Task<Results<Ok<SingleSignOnDto>, Refusal>> Put(SingleSignOnRequest body, ClaimsPrincipal user, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveSingleSignOn(user.GetTeamId(), PublicAddress.ForMessages(http), body), ct)).ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<SingleSignOnDto>, Refusal>> VerifyDomains(ClaimsPrincipal user, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new VerifyEmailDomains(user.GetTeamId(), PublicAddress.ForMessages(http)), ct)).ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<SingleSignOnFound>, ProblemHttpResult>> Find(string? email, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new FindSingleSignOn(email), ct) is { } found ? TypedResults.Ok(found) : Problems.NotFound();

    /// <summary>GET /signin/sso/{teamId}?email=&amp;returnUrl=: off to the team's provider.</summary>
    public static async Task<Results<EmptyHttpResult, RedirectHttpResult>> Start(Guid teamId, string? email, string? returnUrl, HttpContext http,
        SingleSignOnHandlers handlers)
    {
        if (await handlers.ForAsync(http, teamId) is not { } handler) return TypedResults.LocalRedirect("/signin?sso=sso_off");
        var properties = new AuthenticationProperties { RedirectUri = BrowserSignIn.LocalOrFiles(returnUrl) };
        if (email is { Length: > 0 and <= 320 }) properties.Items[SingleSignOnEvents.LoginHintKey] = email.Trim();
        await handler.ChallengeAsync(properties);
        return TypedResults.Empty;
    }

    /// <summary>GET /signin/sso/{teamId}/callback: the provider's answer, checked by the framework's handler (state, nonce, PKCE, signature).</summary>
    public static async Task<Results<EmptyHttpResult, RedirectHttpResult>> Callback(Guid teamId, HttpContext http, SingleSignOnHandlers handlers) =>
        await handlers.ForAsync(http, teamId) is { } handler && await handler.HandleRequestAsync()
            ? TypedResults.Empty
            : TypedResults.LocalRedirect("/signin?sso=failed");
}
