using Mediator;
using TeamShare.Invitations.Contracts;
using TeamShare.Links.Create;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Links.MyShares;

/// <summary>One row of My Shares: a link, or a share with a person, a department, the team or an outside address.</summary>
internal sealed record ShareRow(LinkResponse? Link, PeopleShare? People)
{
    public Guid Id => Link?.Id ?? People!.Id;
}

internal sealed record EverySharePage(IReadOnlyList<ShareRow> Rows, Guid? NextCursor);

/// <summary>"links", "people" or null for both.</summary>
internal sealed record ListEveryShare(Guid OwnerId, Guid TeamId, ShareQuery Query, string? Kind) : IRequest<EverySharePage>
{
    public static readonly IReadOnlyList<string> Statuses = LinkMapping.Statuses.Union(PeopleShareStatuses.All).ToList();
}

/// <summary>
/// Issue 28: My Shares lists every share, links and people alike, newest first: each kind keyset-paged on its own index, the
/// pages merged (<see cref="KeysetMerge"/>). A status only one kind has (a link's "canceled", a person's "revoked") asks only that kind.
/// </summary>
internal sealed class ListEveryShareHandler(IMediator mediator) : IRequestHandler<ListEveryShare, EverySharePage>
{
    public async ValueTask<EverySharePage> Handle(ListEveryShare r, CancellationToken ct)
    {
        var q = r.Query;
        var status = string.IsNullOrEmpty(q.Status) ? null : q.Status;
        var links = r.Kind != "people" && (status is null || LinkMapping.Statuses.Contains(status))
            ? await mediator.Send(new ListMyShares(r.OwnerId, r.TeamId, q with { Status = status }), ct)
            : new SharePage([], null);
        var people = r.Kind != "links" && (status is null || PeopleShareStatuses.All.Contains(status))
            ? await mediator.Send(new ListPeopleShares(r.OwnerId, r.TeamId, q.Name, q.CreatedFrom, q.CreatedTo, status, q.Cursor, q.PageSize), ct)
            : new PeopleSharePage([], null);
        var end = KeysetMerge.End(links.NextCursor, people.NextCursor);
        var rows = links.Items.Select(l => new ShareRow(l, null)).Concat(people.Items.Select(p => new ShareRow(null, p)))
            .Where(row => KeysetMerge.Within(row.Id, end)).OrderByDescending(row => row.Id).ToList();
        return new EverySharePage(rows, end);
    }
}
