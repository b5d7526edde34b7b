using TeamShare.SharedKernel.Caching;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Spaces.Data;

internal static class SpaceKinds
{
    public const string Personal = "personal";
    public const string Team = "team";
}

internal static class ItemKinds
{
    public const string File = "file";
    public const string Folder = "folder";
}

internal sealed class Space
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Set only for personal spaces; unique, so a user never gets two (NULLs do not collide).</summary>
    public Guid? PersonalOwnerId { get; set; }
    public Guid RootItemId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class Item
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid SpaceId { get; set; }
    /// <summary>Null only for a space's root folder.</summary>
    public Guid? ParentId { get; set; }
    /// <summary>"/rootId/…/parentId/": every ancestor in one column, so access checks never walk the tree.</summary>
    public string AncestorPath { get; set; } = "/";
    public required string Name { get; set; }
    /// <summary>Upper-invariant name: clashes are case-insensitive, as on Windows and macOS clients.</summary>
    public required string NameKey { get; set; }
    /// <summary>Issue 28: the name in natural order (<see cref="Items.ItemNames.SortKey"/>); folders list by it.</summary>
    public string SortKey { get; set; } = "";
    public required string Kind { get; set; }
    public long Size { get; set; }
    public string? ContentSha256 { get; set; }
    public string? ContentType { get; set; }
    public Guid OwnerUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ModifiedAt { get; set; }
    public DateTime? TrashedAt { get; set; }
    /// <summary>The item the user deleted; its whole subtree shares this id so it is restored together.</summary>
    public Guid? TrashedRootId { get; set; }
    /// <summary>Who deleted it: besides the owner, they may restore it (undo their own delete) while they can still edit where it was.</summary>
    public Guid? TrashedBy { get; set; }
    /// <summary>AD-8 per folder, set by its owner: links open it only for people who already have access.</summary>
    public bool LinkRestricted { get; set; }

    public IEnumerable<Guid> SelfAndAncestors() =>
        AncestorPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).Append(Id);

    public string ChildPath => $"{AncestorPath}{Id}/";

    public ItemSummary ToSummary() =>
        new(Id, TeamId, SpaceId, ParentId, Name, Kind, Size, OwnerUserId, TrashedAt is not null, ModifiedAt, LinkRestricted, ContentType,
            Preview.Previews.CanShow(this), Rendering.RenderFormats.Of(this) != Rendering.RenderFormat.None);
}

internal static class PrincipalKinds
{
    public const string User = "user";
    public const string Department = "department";
    public const string Organisation = "organisation";
}

/// <summary>A role given on an item (and so on everything below it) to a user, a department or the whole team.</summary>
internal sealed class Grant
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid ItemId { get; set; }
    public required string PrincipalKind { get; set; }
    /// <summary>User or department id; null for the organisation.</summary>
    public Guid? PrincipalId { get; set; }
    public AccessRole Role { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Issue 28: an item a member starred for their Starred view; no one else sees it.</summary>
[NotWatched]
internal sealed class Star
{
    public Guid UserId { get; set; }
    public Guid ItemId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>SP-5: every content an item has had; the item row holds the current one.</summary>
[NotWatched]
internal sealed class ItemVersion
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid ItemId { get; set; }
    public int Number { get; set; }
    public required string ContentSha256 { get; set; }
    public long Size { get; set; }
    public string? ContentType { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A WebDAV write lock (RFC 4918 §6) on an item, and on everything below it when deep. Shared by every instance.</summary>
[NotWatched]
internal sealed class DavLock
{
    /// <summary>The lock token is "opaquelocktoken:" and this id.</summary>
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid ItemId { get; set; }
    public Guid UserId { get; set; }
    public bool Exclusive { get; set; }
    public bool Deep { get; set; }
    /// <summary>The client's DAV:owner element, returned as given.</summary>
    public string? OwnerXml { get; set; }
    public int TimeoutSeconds { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>A WebDAV dead property (PROPPATCH) of an item: the whole property element as XML.</summary>
[NotWatched]
internal sealed class DavProperty
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid ItemId { get; set; }
    public required string Namespace { get; set; }
    public required string Name { get; set; }
    public required string Xml { get; set; }
}

/// <summary>A team's storage quota (issue 27): what its files may take in all, set by an admin; no row means no limit.</summary>
[NotWatched]
internal sealed class TeamStorage
{
    public Guid TeamId { get; set; }
    public long? QuotaBytes { get; set; }
    public Guid UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}
