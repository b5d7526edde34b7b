using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.Links.Tracking;
using TeamShare.SharedKernel.Publishing;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.Links.Contracts;
using TeamShare.Links.Data;
using TeamShare.Links.Create;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Links.Opening;

/// <summary>A file a link's recipient saved or sent, under the name it was stored as.</summary>
internal sealed record FileSavedDto(string Name, long Size);

/// <summary>A file sent to a drop box: the name it was sent as, never the stored one (a rename would tell that a file existed).</summary>
internal sealed record FileReceivedDto(string Received, long Size);

/// <summary>What a recipient does with the items of a link: preview, download, edit, upload (LK-2, LK-7, LK-8).</summary>
internal static class LinkContentEndpoints
{
    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(string token, Guid itemId, HttpContext http, LinkGate gate, IMediator mediator, TimeProvider clock,
        CountedTickets counted, BestEffort<LinkUsed> uses, CancellationToken ct) => Serve(token, itemId, download: true, http, gate, mediator, clock, counted, uses, ct);

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Preview(string token, Guid itemId, HttpContext http, LinkGate gate, IMediator mediator, TimeProvider clock,
        CountedTickets counted, BestEffort<LinkUsed> uses, CancellationToken ct) => Serve(token, itemId, download: false, http, gate, mediator, clock, counted, uses, ct);

    /// <summary>
    /// The item a request names, if the link shows it. With preview off (a drop box) nothing is shown, so every name gets the
    /// same 404 whether it exists or not.
    /// </summary>
    /// <param name="countsItself">Asked with the link's id: the request counts itself toward the limit (LK-2) with one
    /// statement that also refuses a reached limit, so the gate need not read the count first.</param>
    private static async Task<(OpenedLink? Link, ItemSummary? Item, ProblemHttpResult? Refused)> ResolveAsync(string token, Guid itemId, HttpContext http,
        LinkGate gate, Func<Guid, bool>? countsItself, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        var (link, refusal) = await gate.OpenAsync(LinkRoutes.EntryOf(http, token), http, ct, alreadyCounted: countsItself);
        if (link is null) return (null, null, RefusalText.Problem(refusal));
        if (!link.Link.AllowPreview) return (link, null, Problems.NotFound());
        var item = await gate.ResolveAsync(link, itemId, http.User, ct);
        return item is null ? (link, null, Problems.NotFound()) : (link, item, null);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Serve(string token, Guid itemId, bool download, HttpContext http, LinkGate gate, IMediator mediator,
        TimeProvider clock, CountedTickets counted, BestEffort<LinkUsed> uses, CancellationToken ct)
    {
        var (link, item, refused) = await ResolveAsync(token, itemId, http, gate, shareId => !counted.Continues(http, shareId, itemId, download), ct);
        if (refused is not null) return refused;
        var share = link!.Link;
        if (item!.Kind != "file") return Problems.NotFound();
        if (download && !share.AllowDownload)
            return Problems.Status(403, "Not allowed", "This link does not allow downloading; you can preview only.", "download_not_allowed");

        var content = download ? await mediator.Send(new OpenItemContent(share.TeamId, itemId), ct) : null;
        var preview = download ? null : await mediator.Send(new GetPreview(share.TeamId, itemId), ct);
        if (download && content is null) return Problems.NotFound();
        if (!download && preview is null)
            return FileResponses.NoPreview();
        // Issue 25: view-only holds. A PDF or an image inline is its original bytes (the browser's viewer saves them); on a
        // link without downloading they are shown as rendered pages only.
        if (!download && !share.AllowDownload && !preview!.ContentType.StartsWith("text/", StringComparison.Ordinal))
            return Problems.Status(403, "Pages only", "This link shows this file as pages; open its pages instead.", "pages_only");

        // LK-2: every open counts, unless it is a range request continuing an open this browser was already counted for.
        if (!counted.Continues(http, share.Id, itemId, download))
        {
            if (!await gate.TryCountViewAsync(share.Id, download, ct)) return RefusalText.Problem(LinkRefusal.LimitReached);
            counted.Issue(http, share.Id, itemId, download);
        }
        uses.Publish(Visitors.Used(http, share.Id, share.TeamId, download ? "downloaded" : "previewed", itemId, clock.GetUtcNow().UtcDateTime));

        return content is not null
            ? FileResponses.Download(content.OpenRead(), content.ContentType, content.Name, content.ModifiedAt, content.Sha256)
            : FileResponses.Preview(http.Response, preview!.OpenRead(), preview.ContentType, preview.ContentSecurityPolicy, preview.ETag, preview.ModifiedAt);
    }

    /// <summary>
    /// GET {link}/items/{itemId}/content: the file's current bytes for the link's editor. Editing needs the content, so an
    /// editing link gives it even with downloading off (issue 12: the editor opened empty and saving wiped the file); it
    /// counts as a preview toward the limit (LK-2).
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Source(string token, Guid itemId, HttpContext http, LinkGate gate, IMediator mediator, TimeProvider clock,
        BestEffort<LinkUsed> uses, CancellationToken ct)
    {
        var (link, item, refused) = await ResolveAsync(token, itemId, http, gate, _ => true, ct);
        if (refused is not null) return refused;
        var share = link!.Link;
        if (item!.Kind != "file") return Problems.NotFound();
        if (!share.AllowEdit) return Problems.Status(403, "Not allowed", "This link does not allow editing.", "edit_not_allowed");
        if (await mediator.Send(new OpenItemContent(share.TeamId, itemId), ct) is not { } content) return Problems.NotFound();
        if (!await gate.TryCountViewAsync(share.Id, download: false, ct)) return RefusalText.Problem(LinkRefusal.LimitReached);
        uses.Publish(Visitors.Used(http, share.Id, share.TeamId, "previewed", itemId, clock.GetUtcNow().UtcDateTime));
        return FileResponses.Download(content.OpenRead(), content.ContentType, content.Name, content.ModifiedAt, content.Sha256);
    }

    /// <summary>PUT {link}/items/{itemId}/content: a new version of a file, if the link allows document editing.</summary>
    public static async Task<Results<Ok<FileSavedDto>, ProblemHttpResult>> Edit(string token, Guid itemId, HttpContext http, LinkGate gate, IMediator mediator, TimeProvider clock,
        IOptions<TeamShareOptions> options, BestEffort<LinkUsed> uses, CancellationToken ct)
    {
        RequestBodyLimit.Lift(http.Request, options.Value.MaxUploadBytes);
        var (link, item, refused) = await ResolveAsync(token, itemId, http, gate, countsItself: null, ct);
        if (refused is not null) return refused;
        var share = link!.Link;
        if (item!.Kind != "file") return Problems.NotFound();
        if (!share.AllowEdit) return Problems.Status(403, "Not allowed", "This link does not allow editing.", "edit_not_allowed");
        var result = await mediator.Send(new ReplaceFileContent(share.TeamId, itemId, share.OwnerUserId, http.Request.Body), ct);
        if (result.Item is null) return FileWriteProblems.Of(result);
        uses.Publish(Visitors.Used(http, share.Id, share.TeamId, "edited", itemId, clock.GetUtcNow().UtcDateTime));
        return TypedResults.Ok(new FileSavedDto(result.Item.Name, result.Item.Size));
    }

    /// <summary>
    /// POST {link}/upload?folderId=: a file into a shared folder (LK-8), by default the first one. Same names never overwrite.
    /// A drop box answers with what it received, not the stored name, so a rename cannot reveal that a file existed.
    /// </summary>
    public static async Task<Results<Created<FileSavedDto>, Created<FileReceivedDto>, ProblemHttpResult>> Upload(string token, Guid? folderId, HttpContext http, LinkGate gate, IMediator mediator,
        TimeProvider clock, IOptions<TeamShareOptions> options, BestEffort<LinkUsed> uses, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        RequestBodyLimit.Lift(http.Request, options.Value.MaxUploadBytes);
        var (link, refusal) = await gate.OpenAsync(LinkRoutes.EntryOf(http, token), http, ct);
        if (link is null) return RefusalText.Problem(refusal);
        var share = link.Link;
        if (!share.AllowUpload) return Problems.Status(403, "Not allowed", "This link does not allow uploading.", "upload_not_allowed");
        // Refused before the body is read when the browser declares it too large (issue 12: the limit held only at the end).
        if (http.Request.ContentLength > options.Value.MaxUploadBytes + MultipartFile.Slack)
            return Problems.Status(413, "File too large", $"Files can be at most {options.Value.MaxUploadBytes:N0} bytes.", "too_large");
        var target = folderId is { } id
            ? await gate.ResolveAsync(link, id, http.User, ct)
            : link.Items.FirstOrDefault(i => i.Kind == "folder");
        if (target is not { Kind: "folder" }) return Problems.NotFound();
        if (!MultipartFile.TryGetBoundary(http.Request, out var boundary)) return MultipartFile.NotMultipart();
        var teamLimit = await mediator.Send(new GetDropBoxLimit(share.TeamId), ct);
        var room = DropBoxLimits.Remaining(share, teamLimit);
        if (room == 0 || http.Request.ContentLength > room + MultipartFile.Slack) return DropBoxLimits.Full(share, teamLimit);

        var result = await MultipartFile.ReadAsync<Results<Created<FileSavedDto>, Created<FileReceivedDto>, ProblemHttpResult>>(http.Request, boundary, async (name, body) =>
        {
            var written = await mediator.Send(new AddFileToFolder(share.TeamId, target.Id, share.OwnerUserId, name, body, room), ct);
            if (written.Problem == "too_large" && room < options.Value.MaxUploadBytes) return DropBoxLimits.Full(share, teamLimit);
            if (written.Item is null) return FileWriteProblems.Of(written);
            await mediator.Send(new CountLinkUpload(share.Id, written.Item.Size), ct);
            uses.Publish(Visitors.Used(http, share.Id, share.TeamId, "uploaded", written.Item.Id, clock.GetUtcNow().UtcDateTime));
            return share.AllowPreview
                ? TypedResults.Created((string?)null, new FileSavedDto(written.Item.Name, written.Item.Size))
                : TypedResults.Created((string?)null, new FileReceivedDto(name, written.Item.Size));
        }, problem => problem, ct);
        return result ?? MultipartFile.Missing();
    }
}
