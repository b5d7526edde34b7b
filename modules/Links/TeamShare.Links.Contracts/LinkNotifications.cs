using Mediator;

namespace TeamShare.Links.Contracts;

/// <summary>Facts about links, published after they are saved, for the admin's sharing activity (AD-12).</summary>
public sealed record LinkCreated(Guid ShareId, Guid TeamId, Guid OwnerUserId, IReadOnlyList<Guid> ItemIds, DateTime At) : INotification;

/// <summary>Someone reached a link's content: kind is "opened", "previewed" or "downloaded".</summary>
public sealed record LinkUsed(Guid ShareId, Guid TeamId, string Kind, Guid? ItemId, DateTime At) : INotification;
