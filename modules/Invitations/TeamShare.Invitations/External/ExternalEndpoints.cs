using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.External;

/// <summary>View-only access for an external recipient (SH-4): preview and download inside what was shared, nothing else.</summary>
internal static class ExternalEndpoints
{
    public static async Task<IResult> Download(string token, Guid itemId, HttpContext http, ExternalAccess access, IMediator mediator, CancellationToken ct)
    {
        var (item, refused) = await ResolveAsync(token, itemId, http, access, mediator, ct);
        if (refused is not null) return refused;
        var content = await mediator.Send(new OpenItemContent(item!.TeamId, itemId), ct);
        return content is null ? Problems.NotFound()
            : FileResponses.Download(content.OpenRead(), content.ContentType, content.Name, content.ModifiedAt, content.Sha256);
    }

    public static async Task<IResult> Preview(string token, Guid itemId, HttpContext http, ExternalAccess access, IMediator mediator, CancellationToken ct)
    {
        var (item, refused) = await ResolveAsync(token, itemId, http, access, mediator, ct);
        if (refused is not null) return refused;
        var preview = await mediator.Send(new GetPreview(item!.TeamId, itemId), ct);
        if (preview is null) return FileResponses.NoPreview();
        return FileResponses.Preview(http.Response, preview.OpenRead(), preview.ContentType, preview.ContentSecurityPolicy, preview.ETag, preview.ModifiedAt);
    }

    private static async Task<(ItemSummary? Item, IResult? Refused)> ResolveAsync(string token, Guid itemId, HttpContext http, ExternalAccess access,
        IMediator mediator, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        var (view, status, reason, detail) = await access.OpenAsync(token, ct);
        if (view is null) return (null, Problems.Status(status, "Not available", detail, reason));
        var item = (await mediator.Send(new ResolveSharedItem(view.Invitation.TeamId, [view.Invitation.ItemId], itemId), ct))?.Item;
        return item is { Kind: "file" } ? (item, null) : (null, Problems.NotFound());
    }
}
