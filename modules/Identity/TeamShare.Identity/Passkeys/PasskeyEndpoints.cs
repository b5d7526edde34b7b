using System.Security.Claims;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.Identity.Auth;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Passkeys;

internal sealed record PasskeyBody(string? Name, string? Password, JsonElement? Credential);

internal sealed record PasskeySignInBody(JsonElement? Credential, string? TimeZone, string? ReturnUrl);

internal sealed record SignedInDto(string Redirect);

/// <summary>Issue 29: passkeys made and removed on the account page, and a sign-in with one; the ceremony's options ride in <see cref="CeremonyCookie"/>.</summary>
internal static class PasskeyEndpoints
{
    private const string Enrolment = "enrol", SignIn = "signin";

    public static async Task<ContentHttpResult> EnrolmentOptions(HttpContext http, ClaimsPrincipal user, IMediator mediator,
        IDataProtectionProvider protection, CancellationToken ct)
    {
        var options = await mediator.Send(new StartPasskeyEnrolment(user.GetUserId()), ct);
        CeremonyCookie.Seal(http, protection, Enrolment, options);
        return TypedResults.Text(options, "application/json");
    }

    public static async Task<Results<Created<PasskeyDto>, Refusal>> Enrol(PasskeyBody body, HttpContext http, ClaimsPrincipal user,
        IMediator mediator, IDataProtectionProvider protection, CancellationToken ct) =>
        (await mediator.Send(new FinishPasskeyEnrolment(Me.Confirmed.By(user, http, body.Password), body.Name, CeremonyCookie.Take(http, protection, Enrolment), body.Credential), ct))
        .ToHttp(p => TypedResults.Created($"/api/me/passkeys/{p.Id}", p));

    public static async Task<Ok<IReadOnlyList<PasskeyDto>>> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListPasskeys(user.GetUserId()), ct));

    public static async Task<Results<NoContent, Refusal>> Remove(Guid id, ClaimsPrincipal user, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RemovePasskey(Me.Confirmed.By(user, http, await Me.PasswordBody.PasswordOfAsync(http.Request, ct)), id), ct))
        .ToHttp(_ => TypedResults.NoContent());

    public static async Task<ContentHttpResult> SignInOptions(HttpContext http, IMediator mediator, IDataProtectionProvider protection, CancellationToken ct)
    {
        var options = await mediator.Send(new StartPasskeySignIn(), ct);
        CeremonyCookie.Seal(http, protection, SignIn, options);
        return TypedResults.Text(options, "application/json");
    }

    public static async Task<Results<Ok<SignedInDto>, ProblemHttpResult>> CompleteSignIn(PasskeySignInBody body, HttpContext http, IMediator mediator,
        IDataProtectionProvider protection, CancellationToken ct)
    {
        var user = await mediator.Send(new FinishPasskeySignIn(CeremonyCookie.Take(http, protection, SignIn), body.Credential), ct);
        if (user is null)
            return TypedResults.Problem(statusCode: 401, title: "Not signed in",
                detail: "That passkey does not sign in to TeamShare. Try another one, or sign in with your password.",
                extensions: new Dictionary<string, object?> { ["reason"] = "passkey_refused" });
        await BrowserSignIn.CompleteAsync(http, mediator, protection, user, body.TimeZone, ct);
        return TypedResults.Ok(new SignedInDto(BrowserSignIn.LocalOrFiles(body.ReturnUrl)));
    }
}
