using System.Text.Json.Serialization;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

internal sealed record ItemDto(
    Guid Id, string Name, string Kind, long Size, Guid SpaceId, Guid? ParentId, AccessRole Role,
    string? ContentType, DateTime CreatedAt, DateTime ModifiedAt, bool InTrash, bool LinkRestricted,
    // Folder listings only: the kinds of principal the item itself is shared with ("user", "department", "organisation").
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? SharedWith = null,
    // Folder listings only: a live link names the item (issue 12's link indicator).
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? HasLink = null,
    // Lists for the member (folders, Recent, Starred, search): whether they starred it (issue 28).
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Starred = null)
{
    /// <summary>Issue 25: shown as rendered pages (GET …/pages) with a thumbnail (GET …/thumbnail).</summary>
    public bool HasPages { get; init; }
}

internal sealed record SpaceDto(Guid Id, string Name, string Kind, Guid RootFolderId, AccessRole Role);

/// <summary>
/// What a list shows of an item, read as columns (no path, sort keys, owner or content hash): a list of thousands reads and
/// allocates only this. Not an <see cref="Item"/>, so it can never stand in for one in an access check.
/// </summary>
internal sealed record ListedItem
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public long Size { get; init; }
    public Guid SpaceId { get; init; }
    public Guid? ParentId { get; init; }
    public string? ContentType { get; init; }
    public bool HasContent { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ModifiedAt { get; init; }
    public bool InTrash { get; init; }
    public bool LinkRestricted { get; init; }

    // Member initialisers, not a constructor: EF Core can then join and filter on what it projects.
    public static readonly System.Linq.Expressions.Expression<Func<Item, ListedItem>> Of = i => new ListedItem
    {
        Id = i.Id, Name = i.Name, Kind = i.Kind, Size = i.Size, SpaceId = i.SpaceId, ParentId = i.ParentId, ContentType = i.ContentType,
        HasContent = i.ContentSha256 != null, CreatedAt = i.CreatedAt, ModifiedAt = i.ModifiedAt, InTrash = i.TrashedAt != null,
        LinkRestricted = i.LinkRestricted,
    };
}

internal static class ItemMapping
{
    public static ItemDto ToDto(this Item i, AccessRole role) =>
        new(i.Id, i.Name, i.Kind, i.Size, i.SpaceId, i.ParentId, role, i.ContentType, i.CreatedAt, i.ModifiedAt, i.TrashedAt is not null, i.LinkRestricted)
        {
            HasPages = Rendering.RenderFormats.Of(i) != Rendering.RenderFormat.None,
        };

    public static ItemDto ToDto(this ListedItem i, AccessRole role) =>
        new(i.Id, i.Name, i.Kind, i.Size, i.SpaceId, i.ParentId, role, i.ContentType, i.CreatedAt, i.ModifiedAt, i.InTrash, i.LinkRestricted)
        {
            HasPages = Rendering.RenderFormats.Of(i.Kind, i.Name, i.ContentType, i.HasContent) != Rendering.RenderFormat.None,
        };
}
