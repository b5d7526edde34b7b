using Mediator;
using TeamShare.SharedKernel.Validation;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Links.Contracts;
using TeamShare.Spaces.Contracts;
using TeamShare.Policy.Data;

namespace TeamShare.Policy.Activity;

/// <param name="Target">As recorded: an e-mail address, or "user:{id}", "department:{id}", "organisation:".</param>
/// <param name="TargetName">The target as a person reads it: a member's or department's name, "everyone in the team" (issue 12).</param>
/// <param name="SubjectName">What the row is about, by name (issue 28): the link's name, the item's, or the setting's label.</param>
/// <param name="Summary">The details in words, in the reader's language (issue 28); <paramref name="Details"/> stays as recorded.</param>
internal sealed record ActivityDto(long Id, DateTime At, Guid? ActorId, string? Actor, string Kind, Guid? SubjectId, string? Target, string? Details,
    string? TargetName = null, string? SubjectName = null, string? Summary = null, Guid? ItemId = null);

/// <param name="Item">Issue 28: only what is about this item: its shares, and the links that share it with their uses.</param>
internal sealed record ActivityFilter(DateTime? From, DateTime? To, Guid? Actor, string? Kind, long? Before, Guid? Item = null);

internal sealed record DomainCount(string Domain, int Shares);

/// <summary>AD-12: who shared what with whom, filtered, newest first, keyset-paged (the page, the API and the CSV).</summary>
internal sealed record ListActivity(Guid TeamId, ActivityFilter Filter, int Limit) : IRequest<IReadOnlyList<ActivityDto>>
{
    public const int PageSize = 200;
    public const int CsvLimit = 100_000;
}

internal sealed class ListActivityValidator : IValidator<ListActivity>
{
    public IReadOnlyDictionary<string, string[]> Validate(ListActivity request) =>
        request.Filter is { From: { } from, To: { } to } && from > to ? Invalid.Field("from", "The start must be before the end.") : Invalid.None;
}

/// <summary>External e-mail domains the team shares with most; links carry no address and are not counted.</summary>
internal sealed record TopSharedDomains(Guid TeamId) : IRequest<IReadOnlyList<DomainCount>>;

internal sealed class ListActivityHandler(PolicyDbContext db, IMediator mediator, ActivityWords words) : IRequestHandler<ListActivity, IReadOnlyList<ActivityDto>>
{
    public async ValueTask<IReadOnlyList<ActivityDto>> Handle(ListActivity request, CancellationToken ct)
    {
        var (teamId, f, limit) = (request.TeamId, request.Filter, request.Limit);
        var query = db.Activity.AsNoTracking().Where(a => a.TeamId == teamId);
        if (f.From is { } from) query = query.Where(a => a.At >= from.ToUniversalTime());
        if (f.To is { } to) query = query.Where(a => a.At < to.ToUniversalTime());
        if (f.Actor is { } actor) query = query.Where(a => a.ActorId == actor);
        if (!string.IsNullOrWhiteSpace(f.Kind)) query = query.Where(a => a.Kind == f.Kind);
        if (f.Before is { } before) query = query.Where(a => a.Id < before);
        if (f.Item is { } about)
        {
            var itsLinks = (await mediator.Send(new GetLinksOfItem(teamId, about), ct)).Select(id => (Guid?)id).ToList();
            var text = about.ToString();
            query = query.Where(a => a.SubjectId == about || itsLinks.Contains(a.SubjectId) || a.Details == text);
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(limit).ToListAsync(ct);
        var targets = rows.Select(r => PrincipalOf(r.Target)).ToList();
        var userIds = rows.Where(r => r.ActorId != null).Select(r => r.ActorId!.Value)
            .Concat(targets.Where(t => t.Kind == "user").Select(t => t.Id!.Value)).Distinct().ToList();
        var departmentIds = targets.Where(t => t.Kind == "department").Select(t => t.Id!.Value).Distinct().ToList();
        // One question to Identity for the people on the page (actors and those shared with, suspended ones too), one for departments.
        var names = await mediator.Send(new GetUserNames(teamId, userIds), ct);
        var departments = departmentIds.Count == 0 ? new Dictionary<Guid, NamedPrincipal>()
            : (await mediator.Send(new DescribePrincipals(teamId, [], departmentIds), ct)).Departments;
        // Issue 28: the links and items the page speaks of, by name: one question to Links, one to Spaces.
        var linkIds = rows.Where(r => IsLink(r.Kind) && r.SubjectId is not null).Select(r => r.SubjectId!.Value).Distinct().ToList();
        var links = await mediator.Send(new GetLinkNames(teamId, linkIds), ct);
        var itemIds = rows.Select(r => IsLink(r.Kind) ? Guid.TryParse(r.Details, out var used) ? used : (Guid?)null : r.SubjectId)
            .OfType<Guid>().Distinct().ToList();
        var items = itemIds.Count == 0 ? new Dictionary<Guid, string>()
            : (await mediator.Send(new GetItemStates(teamId, itemIds), ct)).ToDictionary(i => i.Key, i => i.Value.Name);
        return rows.Select((r, i) => new ActivityDto(r.Id, r.At, r.ActorId, r.ActorId is { } id ? names.GetValueOrDefault(id) : null,
            r.Kind, r.SubjectId, r.Target, r.Details, r.Kind == "policy_changed" ? null : NameOf(r.Target, targets[i], names, departments),
            SubjectOf(r, links, items), IsLink(r.Kind) || r.Kind == "policy_changed" ? words.Summary(r, items) : null, ItemOf(r))).ToList();
    }

    private static bool IsLink(string kind) => kind.StartsWith("link_", StringComparison.Ordinal);

    /// <summary>The one item a row is about, when it is about one: a share's item, the item a link use opened.</summary>
    private static Guid? ItemOf(ActivityEntry r) =>
        IsLink(r.Kind) ? Guid.TryParse(r.Details, out var used) ? used : null : r.Kind == "policy_changed" ? null : r.SubjectId;

    private string? SubjectOf(ActivityEntry r, IReadOnlyDictionary<Guid, string> links, IReadOnlyDictionary<Guid, string> items) => r switch
    {
        { Kind: "policy_changed", Target: { } setting } => words.Setting(setting),
        { Kind: var kind, SubjectId: { } link } when IsLink(kind) => links.GetValueOrDefault(link),
        { SubjectId: { } item } => items.GetValueOrDefault(item) ?? r.Details,
        _ => null,
    };

    private static (string? Kind, Guid? Id) PrincipalOf(string? target)
    {
        var colon = target?.IndexOf(':') ?? -1;
        if (colon <= 0 || target!.Contains('@')) return (null, null);
        var kind = target[..colon];
        return Guid.TryParse(target[(colon + 1)..], out var id) ? (kind, id) : (kind, null);
    }

    private static string? NameOf(string? target, (string? Kind, Guid? Id) principal, IReadOnlyDictionary<Guid, string> people,
        IReadOnlyDictionary<Guid, NamedPrincipal> departments) => principal switch
    {
        ("user", { } id) => people.GetValueOrDefault(id) ?? "a former member",
        ("department", { } id) => departments.TryGetValue(id, out var d) ? $"{d.Name} (department)" : "a deleted department",
        ("organisation", _) => "everyone in the team",
        _ => target,
    };

}

internal sealed class TopSharedDomainsHandler(PolicyDbContext db) : IRequestHandler<TopSharedDomains, IReadOnlyList<DomainCount>>
{
    public async ValueTask<IReadOnlyList<DomainCount>> Handle(TopSharedDomains request, CancellationToken ct)
    {
        var top = await db.Activity.AsNoTracking().Where(a => a.TeamId == request.TeamId && a.TargetDomain != null && a.Kind != "policy_changed")
            .GroupBy(a => a.TargetDomain!).Select(g => new { Domain = g.Key, Shares = g.Count() })
            .OrderByDescending(d => d.Shares).ThenBy(d => d.Domain).Take(20).ToListAsync(ct);
        return top.Select(d => new DomainCount(d.Domain, d.Shares)).ToList();
    }
}
