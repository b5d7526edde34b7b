using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

internal sealed record ItemDto(
    Guid Id, string Name, string Kind, long Size, Guid SpaceId, Guid? ParentId, AccessRole Role,
    string? ContentType, DateTime CreatedAt, DateTime ModifiedAt, bool InTrash, bool LinkRestricted);

internal sealed record SpaceDto(Guid Id, string Name, string Kind, Guid RootFolderId, AccessRole Role);

internal static class ItemMapping
{
    public static ItemDto ToDto(this Item i, AccessRole role) =>
        new(i.Id, i.Name, i.Kind, i.Size, i.SpaceId, i.ParentId, role, i.ContentType, i.CreatedAt, i.ModifiedAt, i.TrashedAt is not null, i.LinkRestricted);
}
