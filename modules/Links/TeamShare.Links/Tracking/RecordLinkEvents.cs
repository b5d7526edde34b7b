using Mediator;
using TeamShare.Links.Contracts;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Observability;

namespace TeamShare.Links.Tracking;

/// <summary>A batch of link uses lands in the links' timelines in one write (issue 11), beside the admin's activity log.</summary>
internal sealed class OnLinksUsedRecordEvents(LinksDbContext db) : INotificationHandler<LinksUsed>
{
    public async ValueTask Handle(LinksUsed n, CancellationToken ct)
    {
        db.Events.AddRange(n.Uses.Select(u => new LinkEvent
        {
            ShareId = u.ShareId, TeamId = u.TeamId, Kind = u.Kind, ItemId = u.ItemId, At = u.At,
            Client = u.Client ?? "unknown", Network = u.Network ?? "unknown",
        }));
        await db.SaveChangesAsync(ct);
        foreach (var kind in n.Uses.GroupBy(u => u.Kind))
            TeamShareMetrics.LinkUses.Add(kind.Count(), new KeyValuePair<string, object?>("kind", kind.Key));
    }
}
