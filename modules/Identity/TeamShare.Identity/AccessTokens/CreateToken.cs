using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.Identity.SignIn;
using TeamShare.Identity.TwoFactor;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Identity.AccessTokens;

/// <param name="Scopes">Issue 29: what the token may do (read, write, admin); left out: whatever the member's role allows.</param>
/// <param name="Code">Issue 29: with two-factor sign-in on, a code from the authenticator app or a recovery code.</param>
internal sealed record CreateTokenRequest(string? Email, string? Password, string? Name, IReadOnlyList<string>? Scopes = null, string? Code = null);

internal sealed class CreateTokenRequestValidator : IValidator<CreateTokenRequest>
{
    public IReadOnlyDictionary<string, string[]> Validate(CreateTokenRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Email)) errors["email"] = ["Enter your e-mail address."];
        if (string.IsNullOrEmpty(body.Password)) errors["password"] = ["Enter your password."];
        if (body.Name?.Trim().Length > 100) errors["name"] = ["Use at most 100 characters."];
        if (TokenIssuer.ScopesProblem(body.Scopes) is { } scopes) errors["scopes"] = [scopes];
        return errors;
    }
}

internal sealed record CreatedToken(Guid Id, string Name, string Token, DateTime CreatedAt, IReadOnlyList<string>? Scopes);

internal static class CreateTokenEndpoint
{
    /// <summary>POST /api/auth/tokens: trades credentials for a personal access token, shown once.</summary>
    public static async Task<Results<Created<CreatedToken>, ProblemHttpResult>> Handle(CreateTokenRequest body, HttpContext http, IMediator mediator,
        TokenIssuer issuer, TwoFactor.SecondFactor secondFactor, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(body.Name) ? "script" : body.Name.Trim();
        var address = ClientAddress.Of(http);
        var outcome = await mediator.Send(new SignInCommand(body.Email, body.Password, address), ct);
        if (outcome.Status == SignInStatus.Throttled) return Throttled();
        if (outcome.User is null)
            return Problems.Status(401, "Sign-in failed", "The e-mail or password is not right.", "invalid_credentials");
        if (outcome.Status == SignInStatus.SingleSignOnRequired)
            return Problems.Status(401, "Single sign-on required",
                "Your team signs in through its identity provider only: sign in in the browser and make the token on your account page.", "sso_required");

        // A passkey cannot be shown to this API: a member whose only second factor is one makes tokens on the account page.
        if (outcome.User is { TotpEnabledAt: null, HasPasskey: true })
            return SecondStepNeeded("Passkey needed",
                "This account's second step is a passkey, which only a browser can use: sign in in the browser and make the token on your account page.",
                "passkey_required", "This account has no authenticator app; its second step is a passkey.");
        if (outcome.User.TotpEnabledAt is not null)
            switch ((await secondFactor.CheckAsync(outcome.User.Id, body.Code, address, knownDevice: false, ct)).Check)
            {
                case SecondFactorCheck.Throttled:
                    return Throttled();
                case SecondFactorCheck.Missing or SecondFactorCheck.Invalid:
                    return SecondStepNeeded("Code needed",
                        "Two-factor sign-in is on for this account: send \"code\", from your authenticator app or a recovery code.",
                        "code_required", "Enter the 6-digit code your authenticator app shows, or a recovery code.");
            }
        var (row, token) = await issuer.IssueAsync(outcome.User.Id, name, ct, scopes: body.Scopes);
        return TypedResults.Created($"/api/auth/tokens/{row.Id}", new CreatedToken(row.Id, row.Name, token, row.CreatedAt, TokenIssuer.Describe(row).Scopes));
    }

    private static ProblemHttpResult Throttled() =>
        Problems.Status(429, "Too many attempts", "Too many failed sign-ins. Wait 15 minutes and try again.", "throttled");

    /// <summary>401 for a right password whose account needs a second step this call lacks, naming the "code" field.</summary>
    private static ProblemHttpResult SecondStepNeeded(string title, string detail, string reason, string codeError) =>
        TypedResults.Problem(statusCode: 401, title: title, detail: detail, extensions: new Dictionary<string, object?>
        {
            ["reason"] = reason, ["errors"] = new Dictionary<string, string[]> { ["code"] = [codeError] },
        });
}
