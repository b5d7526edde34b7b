using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.Identity.Auth;
using TeamShare.Identity.SignIn;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Me;

/// <summary>The caller of a change to how they sign in, with the password they typed again to confirm it.</summary>
internal sealed record Confirmed(Guid UserId, string Email, string? Password, string ClientAddress)
{
    public static Confirmed By(ClaimsPrincipal user, HttpContext http, string? password) =>
        new(user.GetUserId(), user.FindFirst(TeamShareClaims.Email)?.Value ?? "", password, TeamShare.SharedKernel.Http.ClientAddress.Of(http));
}

internal sealed record PasswordBody(string? Password)
{
    /// <summary>
    /// The body of a DELETE that confirms with the password, read by hand: a declared body makes routing answer a bodyless
    /// DELETE with a bare 415 before anything else, where the caller should hear which field is missing (400 naming it) or,
    /// signed out, 401.
    /// </summary>
    public static async Task<string?> PasswordOfAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType()) return null;
        try
        {
            return (await request.ReadFromJsonAsync<PasswordBody>(ct))?.Password;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// The caller's own password typed again, checked like a sign-in (the same throttle, so no side door for guessing): for a
/// new password (issue 14), and (issue 29, ASVS V6 re-authentication) before turning two-factor off, adding a passkey or
/// removing one, so a browser left signed in or a stolen token cannot quietly weaken or take over how its member signs in.
/// </summary>
internal static class PasswordConfirmation
{
    /// <summary>Null when the password is the caller's; else the refusal to answer with, naming <paramref name="field"/>.</summary>
    public static async Task<Outcome<T>?> RefusalAsync<T>(IMediator mediator, Confirmed who, CancellationToken ct,
        string field = "password", string wrong = "Enter your password to confirm this change.")
    {
        var check = await mediator.Send(new SignInCommand(who.Email, who.Password ?? "", who.ClientAddress), ct);
        if (check.Status == SignInStatus.Throttled)
            return Outcome<T>.Fail(Refused.Throttled, "Too many attempts", "Too many failed attempts. Wait 15 minutes, then try again.", "throttled");
        return check.Status == SignInStatus.Succeeded && check.User!.Id == who.UserId ? null : Outcome<T>.Invalid(field, wrong);
    }
}
