using Mediator;
using TeamShare.Links.Contracts;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Observability;

namespace TeamShare.Links.Tracking;

/// <summary>A batch of link uses lands in the links' timelines in one write (issue 11), beside the admin's activity log.</summary>
internal sealed class OnLinksUsedRecordEvents(LinksDbContext db) : INotificationHandler<LinksUsed>
{
    private static readonly string[] Columns =
        [nameof(LinkEvent.ShareId), nameof(LinkEvent.TeamId), nameof(LinkEvent.Kind), nameof(LinkEvent.ItemId), nameof(LinkEvent.At),
         nameof(LinkEvent.Client), nameof(LinkEvent.Network)];

    public async ValueTask Handle(LinksUsed n, CancellationToken ct)
    {
        await BulkInsert.RowsAsync(db, "links_events", Columns,
            n.Uses.Select(u => new object?[] { u.ShareId, u.TeamId, u.Kind, u.ItemId, u.At, u.Client ?? "unknown", u.Network ?? "unknown" }),
            skipDuplicates: false, ct);
        foreach (var kind in n.Uses.GroupBy(u => u.Kind))
            TeamShareMetrics.LinkUses.Add(kind.Count(), new KeyValuePair<string, object?>("kind", kind.Key));
    }
}
