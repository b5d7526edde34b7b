using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Identity.AccessTokens;

/// <summary>
/// Issue 29: an app password is the credential a drive client keeps (often in clear): it opens <c>/dav/…</c> and nothing else.
/// Made on <c>/account/webdav</c> or with <c>POST /api/me/app-passwords {"name"}</c>, named for the device, shown once.
/// </summary>
internal sealed record AppPasswordRequest(string? Name);

internal sealed record CreatedAppPassword(Guid Id, string Name, string Password, DateTime CreatedAt);

internal static class AppPasswords
{
    public const string Prefix = "WebDAV: ";

    /// <summary>The stored name, as the token list shows it beside scripts' tokens.</summary>
    public static string? NameFor(string? device) =>
        string.IsNullOrWhiteSpace(device) || device.Trim().Length > 90 ? null : Prefix + device.Trim();

    public const string NameProblem = "Name the device, in 1 to 90 characters.";
}

internal sealed class AppPasswordRequestValidator : IValidator<AppPasswordRequest>
{
    public IReadOnlyDictionary<string, string[]> Validate(AppPasswordRequest body) =>
        AppPasswords.NameFor(body.Name) is null ? Invalid.Field("name", AppPasswords.NameProblem) : Invalid.None;
}

internal static class AppPasswordEndpoints
{
    public static async Task<Ok<IReadOnlyList<TokenDto>>> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListTokens(user.GetUserId(), TokenKinds.AppPassword), ct));

    public static async Task<Created<CreatedAppPassword>> Create(AppPasswordRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        var (row, password) = await mediator.Send(new IssueToken(user.GetUserId(), AppPasswords.NameFor(body.Name)!, TokenKinds.AppPassword), ct);
        return TypedResults.Created($"/api/me/app-passwords/{row.Id}", new CreatedAppPassword(row.Id, row.Name, password, row.CreatedAt));
    }

    public static async Task<Results<NoContent, Refusal>> Revoke(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new RevokeToken(user.GetUserId(), id, TokenKinds.AppPassword), ct) ? TypedResults.NoContent() : new Refusal(Problems.NotFound());
}
