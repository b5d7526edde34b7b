using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Contracts;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Links.LinkedItems;

internal sealed class GetLinkNamesHandler(LinksDbContext db) : IRequestHandler<GetLinkNames, IReadOnlyDictionary<Guid, string>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, string>> Handle(GetLinkNames request, CancellationToken ct) =>
        request.ShareIds.Count == 0 ? new Dictionary<Guid, string>()
            : await db.Links.AsNoTracking().Where(s => s.TeamId == request.TeamId).WhereIdIn(s => s.Id, request.ShareIds)
                .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
}

internal sealed class GetLinksOfItemHandler(LinksDbContext db) : IRequestHandler<GetLinksOfItem, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(GetLinksOfItem request, CancellationToken ct) =>
        await db.LinkItems.AsNoTracking().Where(i => i.ItemId == request.ItemId)
            .Where(i => db.Links.Any(s => s.Id == i.ShareId && s.TeamId == request.TeamId)).Select(i => i.ShareId).Distinct().ToListAsync(ct);
}
