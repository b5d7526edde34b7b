using TeamShare.SharedKernel.Caching;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>An item as last read by id within its team, or that there was none.</summary>
internal sealed record KeptItem(Guid TeamId, Item? Item);

/// <summary>
/// Issue 24 (B2): items by id as <see cref="ItemById"/> reads them, kept per instance until the change feed hears a change
/// to their team (a new version, a rename, a move, trash), as SP-8's answers are. Every counted preview and download of a
/// link, and every WebDAV read, asks for its item; it changes far less often than it is shown, and it names its content by
/// hash. The items are shared between requests: read them, never change them.
/// </summary>
internal sealed class KeptItems(ChangeFeed feed)
{
    private readonly ChangeFeedCache<(Guid Team, Guid Item), KeptItem> _kept = new(feed, k => k.TeamId);

    public async Task<Item?> FindAsync(SpacesDbContext db, Guid itemId, Guid teamId, CancellationToken ct) =>
        (await _kept.GetOrLoadAsync((teamId, itemId), (Db: db, Team: teamId, Item: itemId), static async (read, ct) =>
            new KeptItem(read.Team, await ItemById.FindAsync(read.Db, read.Item, read.Team, ct)), ct))!.Item;
}
