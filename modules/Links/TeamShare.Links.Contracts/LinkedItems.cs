using Mediator;

namespace TeamShare.Links.Contracts;

/// <summary>Which of these items a live link (not canceled, not expired) names directly: the files page marks them (issue 12).</summary>
public sealed record GetLinkedItems(Guid TeamId, IReadOnlyList<Guid> ItemIds) : IRequest<IReadOnlySet<Guid>>;
