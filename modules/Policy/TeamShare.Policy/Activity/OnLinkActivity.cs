using Mediator;
using TeamShare.Links.Contracts;

namespace TeamShare.Policy.Activity;

/// <summary>Links created, opened, previewed and downloaded, and every channel's sharing events, each recorded once (AD-12).</summary>
internal sealed class OnLinkCreated(ActivityLog log) : INotificationHandler<LinkCreated>
{
    public async ValueTask Handle(LinkCreated n, CancellationToken ct) =>
        await log.AppendOnceAsync(n.EventId, n.TeamId, n.OwnerUserId, "link_created", n.ShareId, null, $"{n.ItemIds.Count} item(s)", n.At, ct);
}

internal sealed class OnLinkUsed(ActivityLog log) : INotificationHandler<LinkUsed>
{
    public async ValueTask Handle(LinkUsed n, CancellationToken ct) =>
        await log.AppendOnceAsync(n.EventId, n.TeamId, null, $"link_{n.Kind}", n.ShareId, null, n.ItemId?.ToString(), n.At, ct);
}

internal sealed class OnSharingActivityOccurred(ActivityLog log) : INotificationHandler<TeamShare.Policy.Contracts.SharingActivityOccurred>
{
    public async ValueTask Handle(TeamShare.Policy.Contracts.SharingActivityOccurred n, CancellationToken ct) =>
        await log.AppendOnceAsync(n.EventId, n.TeamId, n.ActorId, n.Kind, n.SubjectId, n.Target, n.Details, n.At, ct);
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
