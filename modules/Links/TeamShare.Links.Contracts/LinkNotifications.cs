using Mediator;

namespace TeamShare.Links.Contracts;

/// <summary>Facts about links, published after they are saved, for the admin's sharing activity (AD-12).</summary>
public sealed record LinkCreated(Guid ShareId, Guid TeamId, Guid OwnerUserId, IReadOnlyList<Guid> ItemIds, DateTime At) : INotification;

/// <summary>Someone used a link: kind is "opened", "previewed", "downloaded", "uploaded" or "edited".</summary>
public sealed record LinkUsed(Guid ShareId, Guid TeamId, string Kind, Guid? ItemId, DateTime At) : INotification;

public sealed record LinkModified(Guid ShareId, Guid TeamId, Guid OwnerUserId, string Changes, DateTime At) : INotification;

public sealed record LinkCanceled(Guid ShareId, Guid TeamId, Guid OwnerUserId, DateTime At) : INotification;
