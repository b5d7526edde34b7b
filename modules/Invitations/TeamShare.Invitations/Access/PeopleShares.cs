using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Localization;
using TeamShare.SharedKernel.Validation;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.Access;

/// <summary>
/// My Shares' people and outside shares (issue 28): the grants the member gave (Spaces keeps them; a revoked one is gone) and
/// their invitations of outside addresses (kept here, revoked or expired ones too), merged newest first. A fixed number of
/// queries per page: grants, invitations, SP-8 for the outside shares' items, names, the outside-access policy.
/// </summary>
internal sealed class ListPeopleSharesHandler(InvitationsDbContext db, IMediator mediator, TimeProvider clock, IStringLocalizer<Ui> t)
    : IRequestHandler<ListPeopleShares, PeopleSharePage>
{
    public const int MaxPageSize = 100;

    public async ValueTask<PeopleSharePage> Handle(ListPeopleShares r, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var grants = await mediator.Send(new ListGrantsGivenBy(r.UserId, r.TeamId, r.Name, r.CreatedFrom, r.CreatedTo, r.Cursor, r.PageSize), ct);
        var query = db.Invitations.AsNoTracking().Where(i => i.SenderId == r.UserId && i.TeamId == r.TeamId && i.RecipientKind == "external");
        if (r.CreatedFrom is { } from) query = query.Where(i => i.CreatedAt >= from.ToUniversalTime());
        if (r.CreatedTo is { } to) query = query.Where(i => i.CreatedAt < to.ToUniversalTime());
        if (r.Cursor is { } cursor) query = query.Where(i => i.Id.CompareTo(cursor) < 0);
        var outside = await query.OrderByDescending(i => i.Id).Take(r.PageSize).ToListAsync(ct);
        var end = KeysetMerge.End(grants.Count == r.PageSize ? grants[^1].GrantId : null, outside.Count == r.PageSize ? outside[^1].Id : null);

        var items = outside.Count == 0 ? new Dictionary<Guid, ItemAccess>()
            : (await mediator.Send(new GetItemsAccess(r.UserId, r.TeamId, outside.Select(i => i.ItemId).Distinct().ToList()), ct)).ToDictionary(a => a.Item.Id);
        var outsideAllowed = outside.Count == 0 || (await mediator.Send(new GetExternalAccessRules(r.TeamId), ct)).Access.Allowed;
        var principals = await mediator.Send(new DescribePrincipals(r.TeamId,
            grants.Where(g => g.PrincipalKind == "user").Select(g => g.PrincipalId!.Value).Distinct().ToList(),
            grants.Where(g => g.PrincipalKind == "department").Select(g => g.PrincipalId!.Value).Distinct().ToList()), ct);

        var rows = grants.Where(g => g.Item.Role > AccessRole.None).Select(g => new PeopleShare(g.GrantId, g.PrincipalKind, g.Item.Item.Id,
                g.Item.Item.Name, g.Item.Item.Kind, RecipientOf(g, principals), g.PrincipalKind == "user" ? principals.Users.GetValueOrDefault(g.PrincipalId!.Value)?.Email : null,
                RoleName(g.Role), g.CreatedAt, null, g.Item.Item.InTrash ? "item_in_trash" : "active", g.Item.Role >= AccessRole.Editor))
            .Concat(outside.Where(i => items.GetValueOrDefault(i.ItemId) is { Role: > AccessRole.None } a && NameMatches(a.Item.Name, r.Name))
                .Select(i =>
                {
                    var item = items[i.ItemId];
                    var status = i.RevokedAt is not null ? "revoked" : i.ExternalExpiresAt <= now ? "expired" : item.Item.InTrash ? "item_in_trash"
                        : outsideAllowed ? "active" : "blocked_by_policy";
                    return new PeopleShare(i.Id, "external", i.ItemId, item.Item.Name, item.Item.Kind, i.RecipientEmail!, i.RecipientEmail, "viewer",
                        i.CreatedAt, i.ExternalExpiresAt, status, item.Role >= AccessRole.Editor && status is not ("revoked" or "expired"));
                }))
            .Where(s => KeysetMerge.Within(s.Id, end) && (string.IsNullOrEmpty(r.Status) || s.Status == r.Status))
            .OrderByDescending(s => s.Id).ToList();
        return new PeopleSharePage(rows, end);
    }

    private string RecipientOf(GivenGrant g, PrincipalDescriptions principals) => g.PrincipalKind switch
    {
        "user" => principals.Users.GetValueOrDefault(g.PrincipalId!.Value)?.Name ?? t["(former member)"],
        "department" => principals.Departments.GetValueOrDefault(g.PrincipalId!.Value)?.Name ?? t["(deleted department)"],
        _ => t["Everyone"],
    };

    private static string RoleName(AccessRole role) => role.ToString().ToLowerInvariant();

    private static bool NameMatches(string itemName, string? name) =>
        string.IsNullOrWhiteSpace(name) || itemName.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase);
}

internal sealed class ListPeopleSharesValidator : IValidator<ListPeopleShares>
{
    public IReadOnlyDictionary<string, string[]> Validate(ListPeopleShares request) => request switch
    {
        { Status: { Length: > 0 } status } when !PeopleShareStatuses.All.Contains(status) =>
            Invalid.Field("status", $"Choose one of: {string.Join(", ", PeopleShareStatuses.All)}."),
        { PageSize: < 1 or > ListPeopleSharesHandler.MaxPageSize } => Invalid.Field("pageSize", $"Use 1 to {ListPeopleSharesHandler.MaxPageSize}."),
        { CreatedFrom: { } from, CreatedTo: { } to } when from > to => Invalid.Field("createdFrom", "The start must be before the end."),
        _ => Invalid.None,
    };
}
