using Microsoft.AspNetCore.Http.HttpResults;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.Links.Contracts;
using TeamShare.Links.Tracking;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Publishing;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Opening;

/// <summary>
/// GET {link}/archive (issue 28): everything the link shares as one ZIP, or the items of <c>?itemIds=a&amp;itemIds=b</c>, streamed. The same
/// rules as one file's download: refused where the link does not allow downloading, folders restricted to people with
/// access (AD-8) left out for everyone else, and counted once toward the link's limit (LK-2) whatever the ZIP holds.
/// </summary>
internal static class LinkArchiveEndpoint
{
    public static async Task<Results<ZipDownload.ZipResult, ProblemHttpResult>> Handle(string token, Guid[]? itemIds, HttpContext http, LinkGate gate, IMediator mediator, TimeProvider clock,
        BestEffort<LinkUsed> uses, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        var (link, refusal) = await gate.OpenAsync(LinkRoutes.EntryOf(http, token), http, ct);
        if (link is null) return RefusalText.Problem(refusal);
        var share = link.Link;
        // A drop box shows nothing, so there is nothing to download either.
        if (!share.AllowPreview) return Problems.NotFound();
        if (!share.AllowDownload)
            return Problems.Status(403, "Not allowed", "This link does not allow downloading; you can preview only.", "download_not_allowed");

        var chosen = new List<ItemSummary>();
        if (itemIds is not { Length: > 0 }) chosen.AddRange(link.Items);
        foreach (var id in itemIds?.Distinct() ?? [])
        {
            if (await gate.ResolveAsync(link, id, http.User, ct) is not { } item) return Problems.NotFound();
            chosen.Add(item);
        }

        var files = new List<(ItemSummary Item, string Path)>();
        var folders = new List<ZipEntry>();
        var taken = new HashSet<string>();
        foreach (var item in chosen) await GatherAsync(link, item, "", files, folders, taken, gate, http, ct);
        var contents = await mediator.Send(new OpenItemContents(share.TeamId, files.Select(f => f.Item.Id).ToList()), ct);
        var entries = folders.Concat(files.Where(f => contents.ContainsKey(f.Item.Id))
            .Select(f => new ZipEntry(f.Path, f.Item.ModifiedAt, contents[f.Item.Id].OpenRead))).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();

        if (!await gate.TryCountViewAsync(share.Id, download: true, ct)) return RefusalText.Problem(LinkRefusal.LimitReached);
        uses.Publish(Visitors.Used(http, share.Id, share.TeamId, "downloaded", chosen is [var only] ? only.Id : null, clock.GetUtcNow().UtcDateTime));
        var name = chosen is [{ Kind: "folder" } folder] ? folder.Name : "shared files";
        return ZipDownload.Of($"{name}.zip", entries);
    }

    private static async Task GatherAsync(OpenedLink link, ItemSummary item, string folder, List<(ItemSummary, string)> files, List<ZipEntry> folders,
        HashSet<string> taken, LinkGate gate, HttpContext http, CancellationToken ct)
    {
        var path = ZipDownload.Unique(taken, folder, item.Name);
        if (item.Kind != "folder")
        {
            files.Add((item, path));
            return;
        }
        folders.Add(new ZipEntry(path + "/", item.ModifiedAt, null));
        foreach (var child in await gate.ChildrenAsync(link, item.Id, http.User, ct))
            await GatherAsync(link, child, path + "/", files, folders, taken, gate, http, ct);
    }
}
