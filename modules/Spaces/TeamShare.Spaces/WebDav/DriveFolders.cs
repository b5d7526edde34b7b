using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.WebDav;

/// <summary>
/// The folder each space is at the drive's root, <c>/dav/{folder}/</c>: the space's name (the personal one's in the account's own
/// language, so the app and a drive client, whatever languages they ask for, name it alike), unique among
/// their spaces (a later one of the same name gets " (2)", " (3)"… in the order the spaces are listed: personal first, then by
/// name and age, so an older space keeps its plain name), never "spaces" or "links" (the addresses by id and of links). Space
/// names never hold a slash (<see cref="Items.ItemNames"/>).
/// </summary>
internal static class DriveFolders
{
    private static readonly string[] Reserved = ["spaces", "links"];

    public static IReadOnlyList<(SpaceDto Space, string Folder)> Of(IReadOnlyList<SpaceDto> spaces, string personalName)
    {
        var taken = new HashSet<string>(Reserved, StringComparer.OrdinalIgnoreCase);
        var folders = new List<(SpaceDto, string)>(spaces.Count);
        foreach (var space in spaces)
        {
            var name = space.Kind == SpaceKinds.Personal ? personalName : space.Name;
            var folder = name;
            for (var n = 2; !taken.Add(folder); n++) folder = $"{name} ({n})";
            folders.Add((space, folder));
        }
        return folders;
    }

    /// <summary>The folder's address, escaped, without the closing slash.</summary>
    public static string Href(string folder) => "/dav/" + Uri.EscapeDataString(folder);
}
