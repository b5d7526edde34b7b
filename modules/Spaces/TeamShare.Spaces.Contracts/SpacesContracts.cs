using Mediator;

namespace TeamShare.Spaces.Contracts;

/// <summary>Owner &gt; Editor &gt; Viewer (SP-8). None means no access at all.</summary>
public enum AccessRole { None = 0, Viewer = 1, Editor = 2, Owner = 3 }

/// <param name="LinkRestricted">AD-8 per folder: the owner lets only people with access open it through links.</param>
/// <param name="Previewable">SP-4: the file has an inline preview (image, PDF, text), so a page can offer one.</param>
/// <param name="HasPages">Issue 25: the file is shown as rendered pages (office documents, PDF, images), with a thumbnail.</param>
public sealed record ItemSummary(
    Guid Id, Guid TeamId, Guid SpaceId, Guid? ParentId, string Name, string Kind, long Size,
    Guid OwnerUserId, bool InTrash, DateTime ModifiedAt, bool LinkRestricted = false, string? ContentType = null, bool Previewable = false,
    bool HasPages = false);

public sealed record ItemAccess(ItemSummary Item, AccessRole Role);

/// <summary>SP-8: the effective role of a user on an item; the one judge of access. Null when the item is not in that team.</summary>
public sealed record GetItemAccess(Guid UserId, Guid TeamId, Guid ItemId) : IRequest<ItemAccess?>;

/// <summary>
/// An item reachable through a set of shared roots: one of the roots or inside one of them, and not in the trash.
/// Null otherwise, so a link can never reach beyond what it shares.
/// </summary>
public sealed record ResolveSharedItem(Guid TeamId, IReadOnlyList<Guid> RootIds, Guid ItemId) : IRequest<SharedItem?>;

/// <param name="RestrictedOnPath">AD-8: the folders below the shared root, down to and including the item, that their owners
/// restricted to people with access. A link opens the item only for a visitor who has access to each of them.</param>
public sealed record SharedItem(ItemSummary Item, IReadOnlyList<Guid> RestrictedOnPath);

/// <summary>The children of a shared folder that are not in the trash.</summary>
public sealed record ListSharedChildren(Guid TeamId, Guid FolderId) : IRequest<IReadOnlyList<ItemSummary>>;

/// <summary>Opens a file's current bytes for streaming. The caller has already decided access.</summary>
public sealed record OpenItemContent(Guid TeamId, Guid ItemId) : IRequest<ItemContent?>;

public sealed record ItemContent(string Name, string ContentType, long Size, string Sha256, DateTime ModifiedAt, Func<Stream> OpenRead);

/// <summary>Several files' current bytes in one read, by id (a ZIP of a link's folder); files that are gone are left out. Access decided by the caller.</summary>
public sealed record OpenItemContents(Guid TeamId, IReadOnlyList<Guid> ItemIds) : IRequest<IReadOnlyDictionary<Guid, ItemContent>>;

/// <summary>
/// ID-7: a leaver's items pass to another member of the same team. Their personal files move into a folder
/// "Files of {name}" in the receiver's personal space; items they own elsewhere change owner. Idempotent.
/// </summary>
public sealed record TransferOwnedItems(Guid TeamId, Guid FromUserId, Guid ToUserId, string FromDisplayName) : IRequest<int>;

/// <summary>SP-4: a file shown inline, or null when its type has no safe inline form (then offer download).</summary>
public sealed record GetPreview(Guid TeamId, Guid ItemId) : IRequest<ItemPreview?>;

/// <param name="ContentSecurityPolicy">Sent with the preview: a sandbox, so uploaded content never runs script in our origin.</param>
public sealed record ItemPreview(string ContentType, string ContentSecurityPolicy, string ETag, DateTime ModifiedAt, Func<Stream> OpenRead);

/// <summary>
/// LK-8: a file arriving through a link, stored in a folder as a new item owned by the folder's sharer. Clashes are
/// renamed, never overwritten; the size limit applies, and <paramref name="Limit"/> when it is smaller (what a drop box has
/// room for). The caller has already decided access.
/// </summary>
public sealed record AddFileToFolder(Guid TeamId, Guid FolderId, Guid OwnerId, string Name, Stream Content, long? Limit = null) : IRequest<FileWriteResult>;

/// <summary>LK-2 document editing through a link: a new version of a file. The caller has already decided access.</summary>
public sealed record ReplaceFileContent(Guid TeamId, Guid ItemId, Guid ByUserId, Stream Content) : IRequest<FileWriteResult>;

/// <param name="Problem">Null on success; otherwise "name", "too_large", "quota_exceeded", "not_found" or "conflict".</param>
public sealed record FileWriteResult(ItemSummary? Item, string? Problem, string? Message);

/// <summary>Trash state of many items at once, for lists of shares (no query per share).</summary>
public sealed record GetItemStates(Guid TeamId, IReadOnlyList<Guid> ItemIds) : IRequest<IReadOnlyDictionary<Guid, ItemSummary>>;

/// <summary>A grant on an item to a user, a department or the organisation ("user", "department", "organisation").</summary>
public sealed record GrantSpec(Guid GrantId, string PrincipalKind, Guid? PrincipalId, AccessRole Role, Guid CreatedBy);

/// <summary>
/// SH-2: applies grants on an item, idempotently: a grant id already applied changes nothing; a principal that already has
/// a grant on the item gets the new role. Returns the id of the grant each spec ended up in.
/// </summary>
public sealed record ApplyGrants(Guid TeamId, Guid ItemId, IReadOnlyList<GrantSpec> Grants) : IRequest<IReadOnlyList<Guid>>;

/// <summary>
/// SH-6: the grants on this item and on the folders above it, and its owner. A folder above is named only when
/// <paramref name="AskedBy"/> may open it (SP-8); otherwise it is "a folder above", so no name leaks.
/// </summary>
public sealed record ListItemGrants(Guid TeamId, Guid ItemId, Guid AskedBy) : IRequest<ItemGrants?>;

public sealed record ItemGrants(Guid OwnerUserId, IReadOnlyList<GrantView> Grants);

/// <param name="InheritedFrom">Null for a grant on the item itself; otherwise the name of the folder above that carries it
/// (or "a folder above" when the asker may not open that folder).</param>
public sealed record GrantView(Guid GrantId, string PrincipalKind, Guid? PrincipalId, AccessRole Role, Guid CreatedBy, DateTime CreatedAt,
    string? InheritedFrom = null);

/// <summary>
/// Issue 28, My Shares: the grants <paramref name="UserId"/> gave, newest first, keyset-paged by grant id (time-ordered) below
/// <paramref name="Before"/>; <paramref name="ItemName"/> matches part of the item's name. Each comes with the item and the giver's
/// role on it now (None: they no longer see it, so nothing of it may be shown). Grants on a space's top folder (who may use a
/// team space, set by admins) are not shares and are left out.
/// </summary>
public sealed record ListGrantsGivenBy(Guid UserId, Guid TeamId, string? ItemName, DateTime? CreatedFrom, DateTime? CreatedTo, Guid? Before, int Take)
    : IRequest<IReadOnlyList<GivenGrant>>;

public sealed record GivenGrant(Guid GrantId, string PrincipalKind, Guid? PrincipalId, AccessRole Role, DateTime CreatedAt, ItemAccess Item);

public sealed record SetGrantRole(Guid TeamId, Guid ItemId, Guid GrantId, AccessRole Role) : IRequest<bool>;

public sealed record RevokeGrant(Guid TeamId, Guid ItemId, Guid GrantId) : IRequest<bool>;

/// <summary>SH-8: the item passes to another member of the team; the former owner keeps Editor.</summary>
public sealed record TransferItemOwnership(Guid TeamId, Guid ItemId, Guid FromUserId, Guid ToUserId) : IRequest<bool>;

/// <summary>SP-8 for many items at once (a share's items), in the same four queries as for one.</summary>
public sealed record GetItemsAccess(Guid UserId, Guid TeamId, IReadOnlyList<Guid> ItemIds) : IRequest<IReadOnlyList<ItemAccess>>;

/// <summary>The spaces a member reaches, personal first, then team spaces by name (the WebDAV page shows their addresses).</summary>
/// <param name="DriveCulture">The account's own language (<c>Cultures.OfAccount</c>), which the drive's folder names follow.</param>
public sealed record ListVisibleSpaces(Guid UserId, Guid TeamId, string DriveCulture) : IRequest<IReadOnlyList<VisibleSpace>>;

/// <summary>A space and its folder at the WebDAV drive's root (<c>/dav/{DriveFolder}/</c>; unique among the member's spaces).</summary>
public sealed record VisibleSpace(Guid Id, string Name, string Kind, string DriveFolder);

/// <summary>
/// Issue 25: a file's pages as images (office documents, PDF, images), rendered once per content off the request path. The
/// caller has already decided access. Null when the item is not a file of that team.
/// </summary>
public sealed record GetPages(Guid TeamId, Guid ItemId) : IRequest<PagesInfo?>;

/// <summary>Where a file's pages stand (<see cref="PagesInfo.Status"/>, <see cref="PageImage.Status"/>).</summary>
public static class PageStatus
{
    public const string Ready = "ready";
    /// <summary>Ask again; page requests answer 503 with Retry-After meanwhile.</summary>
    public const string Rendering = "rendering";
    /// <summary>No preview of this file (damaged, encrypted, too large).</summary>
    public const string Failed = "failed";
    /// <summary>None for this kind of file, or this server lacks the renderer.</summary>
    public const string Unsupported = "unsupported";
}

/// <param name="Status">A <see cref="PageStatus"/>.</param>
/// <param name="Truncated">Only the first pages were rendered of a very long document.</param>
/// <param name="Reason">Why "unsupported": "kind" (no pages for this kind of file) or "not_available" (this server lacks the renderer).</param>
public sealed record PagesInfo(string Status, int Pages, bool Truncated = false, string? Reason = null);

/// <summary>Page <paramref name="Page"/> (from 1) of a file as an image, or its thumbnail for page 0; with a watermark when given.</summary>
public sealed record OpenPage(Guid TeamId, Guid ItemId, int Page, string? Watermark = null) : IRequest<PageImage?>;

/// <param name="Status">As <see cref="PagesInfo.Status"/>; <paramref name="OpenRead"/> is set only when "ready".</param>
public sealed record PageImage(string Status, string ETag, Func<Stream>? OpenRead);

/// <summary>
/// Issue 23: the operator's consistency check (<c>check [--repair]</c>): every stored content a file or version names is
/// present with the SHA-256 and size it is recorded with; contents nothing names are listed, and with
/// <paramref name="Repair"/> those left alone longer than the grace period are removed (as the hourly sweep would).
/// </summary>
public sealed record CheckBlobs(bool Repair) : IRequest<BlobCheckReport>;

/// <param name="Named">Distinct contents that files or versions name.</param>
/// <param name="Missing">Named but not stored: those files cannot be downloaded (restore the blobs from a backup).</param>
/// <param name="Damaged">Stored, but the bytes no longer have their name's SHA-256 or the recorded size.</param>
/// <param name="Unnamed">Stored, but nothing names them (a crash between writing and recording, or purged files within the grace period).</param>
/// <param name="Removed">Unnamed contents removed by the repair.</param>
public sealed record BlobCheckReport(int Named, IReadOnlyList<string> Missing, IReadOnlyList<string> Damaged, IReadOnlyList<string> Unnamed, int Removed)
{
    public bool Healthy => Missing.Count == 0 && Damaged.Count == 0;
}
