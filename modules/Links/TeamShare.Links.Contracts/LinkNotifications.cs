using Mediator;

namespace TeamShare.Links.Contracts;

// Facts about links for the admin's sharing activity (AD-12). Created, modified and canceled are saved with the change and
// published after it, again after a crash, so handlers treat a repeated EventId as already seen. Uses are best effort and
// batched: a link open never writes on its request path; the share's own counters are the durable record of use.

public sealed record LinkCreated(Guid ShareId, Guid TeamId, Guid OwnerUserId, IReadOnlyList<Guid> ItemIds, DateTime At) : INotification
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();
}

/// <summary>Someone used a link: kind is "opened", "previewed", "downloaded", "uploaded" or "edited".</summary>
public sealed record LinkUsed(Guid ShareId, Guid TeamId, string Kind, Guid? ItemId, DateTime At)
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>The visitor's browser family ("Firefox", "curl", …), for the sharer's timeline; never the full user agent.</summary>
    public string? Client { get; init; }

    /// <summary>The visitor's network, never their address: an IPv4 /24 or an IPv6 /48.</summary>
    public string? Network { get; init; }
}

/// <summary>A batch of link uses, published from an in-process queue a moment after they happened, never by the request.</summary>
public sealed record LinksUsed(IReadOnlyList<LinkUsed> Uses) : INotification;

public sealed record LinkModified(Guid ShareId, Guid TeamId, Guid OwnerUserId, string Changes, DateTime At) : INotification
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();
}

public sealed record LinkCanceled(Guid ShareId, Guid TeamId, Guid OwnerUserId, DateTime At) : INotification
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();
}
