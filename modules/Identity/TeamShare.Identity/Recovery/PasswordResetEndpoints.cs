using Microsoft.AspNetCore.Http.HttpResults;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.Identity.Admin;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Identity.Recovery;

internal sealed record PasswordResetRequest(string? Email);
internal sealed record CompletePasswordResetRequest(string? Token, string? NewPassword);

internal static class PasswordResetEndpoints
{

    /// <summary>POST /api/auth/password-reset {email}: 202 whether or not the address has an account.</summary>
    public static async Task<Accepted<MessageDto>> Request(PasswordResetRequest body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new RequestPasswordReset(body.Email, PublicAddress.ForMessages(http)), ct);
        return TypedResults.Accepted((string?)null, new MessageDto(RequestPasswordReset.Sent));
    }

    /// <summary>POST /api/auth/password-reset/complete {token, newPassword}: 204, or a problem naming the field.</summary>
    public static async Task<Results<NoContent, Refusal>> Complete(CompletePasswordResetRequest body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new CompletePasswordReset(body.Token, body.NewPassword), ct)).ToHttp(_ => TypedResults.NoContent());
}
