using Mediator;

namespace TeamShare.Links.Contracts;

/// <summary>Which of these items a live link (not canceled, not expired) names directly: the files page marks them (issue 12).</summary>
public sealed record GetLinkedItems(Guid TeamId, IReadOnlyList<Guid> ItemIds) : IRequest<IReadOnlySet<Guid>>;

/// <summary>The names of these links of the team, canceled ones too, for the audit log ("which link?", issue 28).</summary>
public sealed record GetLinkNames(Guid TeamId, IReadOnlyList<Guid> ShareIds) : IRequest<IReadOnlyDictionary<Guid, string>>;

/// <summary>The ids of the team's links that share this item, canceled ones too (the audit log filtered by item, issue 28).</summary>
public sealed record GetLinksOfItem(Guid TeamId, Guid ItemId) : IRequest<IReadOnlyList<Guid>>;
