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

internal static class ItemMapping
{
    public static ItemDto ToDto(this Item i, AccessRole role) =>
        new(i.Id, i.Name, i.Kind, i.Size, i.SpaceId, i.ParentId, role, i.ContentType, i.CreatedAt, i.ModifiedAt, i.TrashedAt is not null, i.LinkRestricted)
        {
            HasPages = Rendering.RenderFormats.Of(i) != Rendering.RenderFormat.None,
        };
}
