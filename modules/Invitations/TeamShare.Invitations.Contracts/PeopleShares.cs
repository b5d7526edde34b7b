using Mediator;

namespace TeamShare.Invitations.Contracts;

/// <summary>
/// Issue 28, My Shares: what a member shared with people (team members, departments, the whole team) and with outside
/// addresses, newest first, keyset-paged by id (time-ordered, comparable with link ids, so My Shares merges both lists).
/// <paramref name="Name"/> matches part of the item's name; <paramref name="Status"/> is one of <see cref="PeopleShareStatuses.All"/>.
/// </summary>
public sealed record ListPeopleShares(Guid UserId, Guid TeamId, string? Name, DateTime? CreatedFrom, DateTime? CreatedTo, string? Status,
    Guid? Cursor, int PageSize) : IRequest<PeopleSharePage>;

/// <param name="NextCursor">Set when there may be more: the id below which the next page starts. A page can hold fewer than asked
/// when filters that need other modules' data (the status, an outside share's item name) left rows out.</param>
public sealed record PeopleSharePage(IReadOnlyList<PeopleShare> Items, Guid? NextCursor);

/// <param name="Id">The grant's id for a team recipient, the invitation's for an outside one: with <paramref name="ItemId"/> it names
/// the entry of "People with access" (<c>PATCH|DELETE /api/items/{itemId}/access/{id}</c>).</param>
/// <param name="Kind">"user", "department", "organisation" or "external".</param>
/// <param name="CanManage">Whether the sharer may still change or revoke it (Editor or more on the item).</param>
public sealed record PeopleShare(Guid Id, string Kind, Guid ItemId, string ItemName, string ItemKind, string Recipient, string? RecipientEmail,
    string Role, DateTime CreatedAt, DateTime? ExpiresAt, string Status, bool CanManage);

public static class PeopleShareStatuses
{
    public static readonly IReadOnlyList<string> All = ["active", "expired", "revoked", "item_in_trash", "blocked_by_policy"];
}

/// <summary>My Shares' Revoke (issue 28): what "People with access" does with its X, for the share's sharer. False when not found or refused.</summary>
public sealed record RevokePeopleShare(Guid UserId, Guid TeamId, string SenderName, Guid ItemId, Guid ShareId) : IRequest<bool>;

/// <summary>My Shares' role change (issue 28): "viewer" or "editor" for a team recipient. False when not found or refused.</summary>
public sealed record ChangePeopleShareRole(Guid UserId, Guid TeamId, Guid ItemId, Guid ShareId, string Role) : IRequest<bool>;
