using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;

namespace TeamShare.Links.Opening;

/// <summary>LK-8: one more file received through a link, and its bytes (issue 27), counted in one atomic statement.</summary>
internal sealed record CountLinkUpload(Guid LinkId, long Bytes) : IRequest<int>;

internal sealed class CountLinkUploadHandler(LinksDbContext db) : IRequestHandler<CountLinkUpload, int>
{
    public async ValueTask<int> Handle(CountLinkUpload request, CancellationToken ct) =>
        await db.Links.Where(s => s.Id == request.LinkId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.UploadCount, x => x.UploadCount + 1)
            .SetProperty(x => x.UploadedBytes, x => x.UploadedBytes + request.Bytes), ct);
}
