using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.UnitTests;

/// <summary>
/// Issue 24 (B9): shared-with-me reads an item's listed columns only (<see cref="ListedItem"/>); what the member is shown
/// must be what the whole item gives, pages ("hasPages") and the trash included.
/// </summary>
public sealed class ListedItemTests
{
    private static readonly Func<Item, ListedItem> Listed = ListedItem.Of.Compile();

    public static TheoryData<string, string, string?, bool, bool> Items => new()
    {
        { "file", "report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true, false },
        { "file", "scan.pdf", "application/pdf", true, true },
        { "file", "photo.jpg", "image/jpeg", true, false },
        { "file", "notes.txt", "text/plain", true, false },
        { "file", "empty.docx", null, false, false },
        { "folder", "Plans", null, false, false },
    };

    [Theory]
    [MemberData(nameof(Items))]
    public void SH10_a_listed_item_shows_what_the_whole_item_shows(string kind, string name, string? contentType, bool stored, bool trashed)
    {
        var item = new Item
        {
            Id = Guid.NewGuid(), TeamId = Guid.NewGuid(), SpaceId = Guid.NewGuid(), ParentId = Guid.NewGuid(), AncestorPath = "/a/b/",
            Name = name, NameKey = name.ToUpperInvariant(), Kind = kind, Size = 42, ContentType = contentType,
            ContentSha256 = stored ? new string('a', 64) : null, OwnerUserId = Guid.NewGuid(), CreatedAt = DateTime.UtcNow.AddDays(-1),
            ModifiedAt = DateTime.UtcNow, TrashedAt = trashed ? DateTime.UtcNow : null, LinkRestricted = true,
        };
        Assert.Equal(item.ToDto(AccessRole.Viewer), Listed(item).ToDto(AccessRole.Viewer));
    }
}
