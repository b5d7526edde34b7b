using Microsoft.AspNetCore.Http.HttpResults;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.Links.Contracts;
using TeamShare.Links.Tracking;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Publishing;
using TeamShare.Policy.Contracts;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Opening;

/// <summary>
/// Issue 25: a link's documents as page images, the only form a view-only recipient gets. Asking for a file's pages is opening
/// its preview: it counts once toward the limit (LK-2) and gives this browser a ticket for the pages; each page needs the ticket,
/// so no page is served without a counted open, and turning pages never counts again.
/// </summary>
internal static class LinkPageEndpoints
{
    /// <summary>GET {link}/items/{itemId}/pages → {status, pages, truncated, reason}.</summary>
    public static async Task<Results<Ok<PagesInfo>, ProblemHttpResult>> Info(string token, Guid itemId, HttpContext http, LinkGate gate, IMediator mediator, CountedTickets counted,
        TimeProvider clock, BestEffort<LinkUsed> uses, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        var entry = LinkRoutes.EntryOf(http, token);
        // A browser already counted for this file goes on reading it even once the limit is reached by others.
        var link = await FindAsync(entry, itemId, http, gate, counted, ct);
        if (link.Refused is not null) return link.Refused;
        if (await mediator.Send(new GetPages(link.Opened!.Link.TeamId, itemId), ct) is not { } info) return Problems.NotFound();
        if (info.Status is PageStatus.Ready or PageStatus.Rendering && !link.Continues)
        {
            var share = link.Opened.Link;
            if (!await gate.TryCountViewAsync(share.Id, download: false, ct)) return RefusalText.Problem(LinkRefusal.LimitReached);
            counted.IssuePages(http, http.Request.Path, share.Id, itemId);
            uses.Publish(Visitors.Used(http, share.Id, share.TeamId, "previewed", itemId, clock.GetUtcNow().UtcDateTime));
        }
        return TypedResults.Ok(info);
    }

    /// <summary>GET {link}/items/{itemId}/pages/{page}: a PNG, only after the preview was opened (and counted) by this browser.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Page(string token, Guid itemId, int page, HttpContext http, LinkGate gate, IMediator mediator,
        CountedTickets counted, TimeProvider clock, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        var link = await FindAsync(LinkRoutes.EntryOf(http, token), itemId, http, gate, counted, ct);
        if (link.Refused is not null) return link.Refused;
        if (!link.Continues)
            return Problems.Status(403, "Open the preview first", "Pages are shown after the file's preview is opened.", "preview_not_opened");
        var watermark = await WatermarkAsync(link.Opened!, clock, mediator, ct);
        var image = await mediator.Send(new OpenPage(link.Opened.Link.TeamId, itemId, page < 1 ? -1 : page, watermark), ct);
        return image is null ? Problems.NotFound() : FileResponses.Page(http.Response, image.Status, image.OpenRead, image.ETag);
    }

    /// <summary>GET {link}/items/{itemId}/thumbnail: at most 256 px, for the link's list; not counted (it shows no page).</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Thumbnail(string token, Guid itemId, HttpContext http, LinkGate gate, IMediator mediator,
        CountedTickets counted, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        var link = await FindAsync(LinkRoutes.EntryOf(http, token), itemId, http, gate, counted, ct);
        if (link.Refused is not null) return link.Refused;
        var image = await mediator.Send(new OpenPage(link.Opened!.Link.TeamId, itemId, 0), ct);
        return image is null ? Problems.NotFound() : FileResponses.Page(http.Response, image.Status, image.OpenRead, image.ETag);
    }

    private sealed record Found(OpenedLink? Opened, bool Continues, ProblemHttpResult? Refused);

    private static async Task<Found> FindAsync(LinkEntry entry, Guid itemId, HttpContext http, LinkGate gate, CountedTickets counted,
        CancellationToken ct)
    {
        // The ticket names the link, so the gate asks about it with the link it found; a browser showing one for this item
        // goes past a reached limit.
        var (link, refusal) = await gate.OpenAsync(entry, http, ct, alreadyCounted: shareId => counted.HasPages(http.Request, shareId, itemId));
        if (link is null) return new(null, false, RefusalText.Problem(refusal));
        var continues = counted.HasPages(http.Request, link.Link.Id, itemId);
        if (!link.Link.AllowPreview) return new(null, false, Problems.NotFound());
        var item = await gate.ResolveAsync(link, itemId, http.User, ct);
        return item is { Kind: "file" } ? new(link, continues, null) : new(null, false, Problems.NotFound());
    }

    /// <summary>Pages shown to people outside the team carry who they were shown to, when the team's policy asks for it.</summary>
    private static async Task<string?> WatermarkAsync(OpenedLink link, TimeProvider clock, IMediator mediator, CancellationToken ct)
    {
        if (link.VisitorIsMember || !(await mediator.Send(new GetExternalAccessRules(link.Link.TeamId), ct)).WatermarkOutsidePages) return null;
        // A public link names no one: the page carries the link's name and the day it was shown.
        return $"{link.Link.Name} · {clock.GetUtcNow():yyyy-MM-dd}";
    }
}
