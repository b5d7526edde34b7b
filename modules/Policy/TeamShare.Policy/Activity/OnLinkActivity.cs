using Mediator;
using TeamShare.Links.Contracts;

namespace TeamShare.Policy.Activity;

/// <summary>Links created, opened, previewed and downloaded, and every channel's sharing events, each recorded once (AD-12).</summary>
internal sealed class OnLinkCreated(ActivityLog log) : INotificationHandler<LinkCreated>
{
    public async ValueTask Handle(LinkCreated n, CancellationToken ct) =>
        await log.AppendOnceAsync(n.EventId, n.TeamId, n.OwnerUserId, "link_created", n.ShareId, null, $"{n.ItemIds.Count} item(s)", n.At, ct);
}

/// <summary>A batch of link uses in one transaction; the queue that sends it is best effort, so this is the only write per batch.</summary>
internal sealed class OnLinksUsed(ActivityLog log) : INotificationHandler<LinksUsed>
{
    public async ValueTask Handle(LinksUsed n, CancellationToken ct) =>
        await log.AppendAllOnceAsync(n.Uses.Select(u => new ActivityLog.Event(u.EventId, u.TeamId, null, $"link_{u.Kind}", u.ShareId, null,
            u.ItemId?.ToString(), u.At)).ToList(), ct);
}

internal sealed class OnSharingActivityOccurred(ActivityLog log) : INotificationHandler<TeamShare.Policy.Contracts.SharingActivityOccurred>
{
    public async ValueTask Handle(TeamShare.Policy.Contracts.SharingActivityOccurred n, CancellationToken ct) =>
        await log.AppendOnceAsync(n.EventId, n.TeamId, n.ActorId, n.Kind, n.SubjectId, n.Target, n.Details, n.At, ct);
}

internal sealed class OnSharingActivitiesOccurred(ActivityLog log) : INotificationHandler<TeamShare.Policy.Contracts.SharingActivitiesOccurred>
{
    public async ValueTask Handle(TeamShare.Policy.Contracts.SharingActivitiesOccurred n, CancellationToken ct) =>
        await log.AppendAllOnceAsync(n.Events.Select(e => new ActivityLog.Event(e.EventId, e.TeamId, e.ActorId, e.Kind, e.SubjectId, e.Target,
            e.Details, e.At)).ToList(), ct);
}

internal sealed class OnLinkModified(ActivityLog log) : INotificationHandler<LinkModified>
{
    public async ValueTask Handle(LinkModified n, CancellationToken ct) =>
        await log.AppendOnceAsync(n.EventId, n.TeamId, n.OwnerUserId, "link_modified", n.ShareId, null, n.Changes, n.At, ct);
}

internal sealed class OnLinkCanceled(ActivityLog log) : INotificationHandler<LinkCanceled>
{
    public async ValueTask Handle(LinkCanceled n, CancellationToken ct) =>
        await log.AppendOnceAsync(n.EventId, n.TeamId, n.OwnerUserId, "link_canceled", n.ShareId, null, null, n.At, ct);
}
