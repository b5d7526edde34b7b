using TeamShare.Links.Tracking;
using TeamShare.SharedKernel.Publishing;
using Mediator;
using TeamShare.Links.Contracts;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Opening;

/// <param name="PagesUrl">Issue 25: the file shows as rendered pages (and has a thumbnail at <c>…/thumbnail</c>); then it
/// has no <paramref name="PreviewUrl"/>, which would hand out its bytes.</param>
internal sealed record RecipientEntry(Guid Id, string Name, string Kind, long Size, string? PreviewUrl, string? DownloadUrl, string? OpenUrl,
    string? EditUrl, string? ContentType, string? PagesUrl = null)
{
    public string? ThumbnailUrl => PagesUrl is null ? null : PagesUrl[..^"pages".Length] + "thumbnail";
}
internal sealed record RecipientPermissions(bool Preview, bool Download, bool Edit, bool Upload);
internal sealed record RecipientView(string Name, string? Remarks, string TeamName, DateTime? ExpiresAt, RecipientPermissions Permissions,
    Guid? FolderId, string? UploadUrl, IReadOnlyList<RecipientEntry> Items, string SharedBy);

/// <summary>What the link shows, or why it shows nothing (then <see cref="Refusal"/> says which refusal).</summary>
internal sealed record RecipientOpening(RecipientView? View, LinkRefusal Refusal);

/// <summary>
/// LK-7: a link opened at its entry (<c>/s/{token}</c> or <c>/q/{code}</c>), optionally inside one of its folders, by the
/// <paramref name="Visitor"/> the page read from its request. An open is recorded best effort, off the request.
/// </summary>
internal sealed record OpenRecipientView(LinkEntry Entry, Guid? Folder, LinkVisitor Visitor) : IRequest<RecipientOpening>;

internal sealed class OpenRecipientViewHandler(LinkGate gate, BestEffort<LinkUsed> uses, TimeProvider clock) : IRequestHandler<OpenRecipientView, RecipientOpening>
{
    public async ValueTask<RecipientOpening> Handle(OpenRecipientView request, CancellationToken ct)
    {
        var (entry, folder, visitor) = (request.Entry, request.Folder, request.Visitor);
        var (link, refusal) = await gate.OpenAsync(entry, visitor, ct);
        if (link is null) return new RecipientOpening(null, refusal);

        IReadOnlyList<ItemSummary>? items = link.Link.AllowPreview ? link.Items : [];
        if (folder is { } folderId)
        {
            var target = link.Link.AllowPreview ? await gate.ResolveAsync(link, folderId, visitor.User, ct) : null;
            items = target?.Kind == "folder" ? await gate.ChildrenAsync(link, folderId, visitor.User, ct) : null;
        }
        // A link to one folder opens on what is in it, as Dropbox and Drive do, not on a row naming the folder (issue 12).
        else if (link.Link.AllowPreview && link.Items is [{ Kind: "folder" } only])
            items = await gate.ChildrenAsync(link, only.Id, visitor.User, ct);
        if (items is null) return new RecipientOpening(null, LinkRefusal.NotFound);

        var s = link.Link;
        var prefix = entry.Path;
        var uploadTarget = folder ?? link.Items.FirstOrDefault(i => i.Kind == "folder")?.Id;
        var view = new RecipientView(s.Name, s.Remarks, link.TeamName, s.ExpiresAt,
            new RecipientPermissions(s.AllowPreview, s.AllowDownload && s.AllowPreview, s.AllowEdit, s.AllowUpload),
            folder, s.AllowUpload && uploadTarget is not null ? $"{prefix}/upload?folderId={uploadTarget}" : null,
            items.Select(i => new RecipientEntry(i.Id, i.Name, i.Kind, i.Size,
                i.Previewable && !i.HasPages ? $"{prefix}/items/{i.Id}/preview" : null,
                i.Kind == "file" && s.AllowDownload ? $"{prefix}/items/{i.Id}/download" : null,
                i.Kind == "folder" ? $"{prefix}?folder={i.Id}" : null,
                i.Kind == "file" && s.AllowEdit ? $"{prefix}/items/{i.Id}/content" : null, i.ContentType,
                i.HasPages ? $"{prefix}/items/{i.Id}/pages" : null)).ToList(),
            link.SharedBy);
        uses.Publish(Visitors.Used(visitor, s.Id, s.TeamId, "opened", folder, clock.GetUtcNow().UtcDateTime));
        return new RecipientOpening(view, refusal);
    }
}
