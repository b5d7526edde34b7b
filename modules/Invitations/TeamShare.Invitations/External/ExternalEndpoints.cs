using TeamShare.SharedKernel.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.External;

internal sealed record CodeSent(string SentTo);

internal sealed record RecipientCodeBody(string? Code);

internal sealed class RecipientCodeBodyValidator : IValidator<RecipientCodeBody>
{
    public IReadOnlyDictionary<string, string[]> Validate(RecipientCodeBody body) => body.Code is { Length: > 0 and <= 20 }
        ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { ["code"] = ["Enter the 6-digit code from the mail."] };
}

/// <summary>View-only access for an external recipient (SH-4): preview and download inside what was shared, nothing else.</summary>
internal static class ExternalEndpoints
{
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(string token, Guid itemId, HttpContext http, ExternalAccess access, RecipientCodes codes, IMediator mediator, CancellationToken ct)
    {
        var (item, refused, _) = await OpenAsync(token, itemId, http, access, codes, mediator, ct);
        if (refused is not null) return refused;
        var content = await mediator.Send(new OpenItemContent(item!.TeamId, itemId), ct);
        return content is null ? Problems.NotFound()
            : FileResponses.Download(content.OpenRead(), content.ContentType, content.Name, content.ModifiedAt, content.Sha256);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Preview(string token, Guid itemId, HttpContext http, ExternalAccess access, RecipientCodes codes, IMediator mediator, CancellationToken ct)
    {
        var (item, refused, _) = await OpenAsync(token, itemId, http, access, codes, mediator, ct);
        if (refused is not null) return refused;
        var preview = await mediator.Send(new GetPreview(item!.TeamId, itemId), ct);
        if (preview is null) return FileResponses.NoPreview();
        return FileResponses.Preview(http.Response, preview.OpenRead(), preview.ContentType, preview.ContentSecurityPolicy, preview.ETag, preview.ModifiedAt);
    }

    /// <summary>POST /x/{token}/code: a code to the invited address (answers where it went, masked).</summary>
    public static async Task<Results<Accepted<CodeSent>, Refusal>> SendCode(string token, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        return (await mediator.Send(new SendRecipientCode(token, ClientAddress.Of(http)), ct)).ToHttp(to => TypedResults.Accepted((string?)null, new CodeSent(to)));
    }

    /// <summary>POST /x/{token}/verify {code}: a right code sets this browser's proof cookie.</summary>
    public static async Task<Results<NoContent, Refusal>> Verify(string token, RecipientCodeBody body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        var verified = await mediator.Send(new VerifyRecipientCode(token, body.Code), ct);
        if (verified.Ok) verified.Value!.AppendTo(http.Response, $"/x/{token}");
        return verified.ToHttp(_ => TypedResults.NoContent());
    }

    /// <summary>GET /x/{token}/items/{itemId}/pages (issue 25): {status, pages}; asking starts the render.</summary>
    public static async Task<Results<Ok<PagesInfo>, ProblemHttpResult>> Pages(string token, Guid itemId, HttpContext http, ExternalAccess access, RecipientCodes codes, IMediator mediator, CancellationToken ct)
    {
        var (item, refused, _) = await OpenAsync(token, itemId, http, access, codes, mediator, ct);
        if (refused is not null) return refused;
        return await mediator.Send(new GetPages(item!.TeamId, itemId), ct) is { } info ? TypedResults.Ok(info) : Problems.NotFound();
    }

    /// <summary>GET /x/{token}/items/{itemId}/pages/{page}: marked with the verified address when the team's policy says so.</summary>
    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Page(string token, Guid itemId, int page, HttpContext http, ExternalAccess access, RecipientCodes codes, IMediator mediator,
        CancellationToken ct) => ServePage(token, itemId, page < 1 ? -1 : page, http, access, codes, mediator, ct);

    /// <summary>GET /x/{token}/items/{itemId}/thumbnail.</summary>
    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Thumbnail(string token, Guid itemId, HttpContext http, ExternalAccess access, RecipientCodes codes, IMediator mediator,
        CancellationToken ct) => ServePage(token, itemId, 0, http, access, codes, mediator, ct);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ServePage(string token, Guid itemId, int page, HttpContext http, ExternalAccess access, RecipientCodes codes,
        IMediator mediator, CancellationToken ct)
    {
        var (item, refused, view) = await OpenAsync(token, itemId, http, access, codes, mediator, ct);
        if (refused is not null) return refused;
        var watermark = view!.Watermark ? view.Invitation.RecipientEmail : null;
        return await mediator.Send(new OpenPage(item!.TeamId, itemId, page, watermark), ct) is not { } image ? Problems.NotFound()
            : FileResponses.Page(http.Response, image.Status, image.OpenRead, image.ETag);
    }

    private static async Task<(ItemSummary? Item, ProblemHttpResult? Refused, ExternalView? View)> OpenAsync(string token, Guid itemId, HttpContext http,
        ExternalAccess access, RecipientCodes codes, IMediator mediator, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        var (view, status, reason, detail) = await access.OpenAsync(token, ct);
        if (view is null) return (null, Problems.Status(RefusalStatus.Of(status), "Not available", detail, reason), null);
        if (!codes.IsVerified(RecipientCodes.ProofOf(http.Request, view.Invitation.Id), view))
            return (null, Problems.Status(403, "Confirm your address", "Open the link and enter the code we mail to the invited address first.", "code_required"), null);
        var item = (await mediator.Send(new ResolveSharedItem(view.Invitation.TeamId, [view.Invitation.ItemId], itemId), ct))?.Item;
        return item is { Kind: "file" } ? (item, null, view) : (null, Problems.NotFound(), null);
    }
}
