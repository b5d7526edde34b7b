using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Links.Notices;

/// <summary>The one click in a notice mail: no more mails about that link (issue 11). Answers the link's name.</summary>
internal sealed record TurnOffNotices(string? Token) : IRequest<Outcome<string>>;

internal sealed class TurnOffNoticesHandler(LinksDbContext db, NoticeLinks links) : IRequestHandler<TurnOffNotices, Outcome<string>>
{
    public async ValueTask<Outcome<string>> Handle(TurnOffNotices r, CancellationToken ct)
    {
        if (links.Open(r.Token) is not { } id) return Outcome<string>.Invalid("t", "This link to stop mails is not valid. Use the one in the mail, whole.");
        var link = await db.Links.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (link is null) return Outcome<string>.NotFound();
        link.NoticesOff = true;
        await db.SaveChangesAsync(ct);
        return Outcome<string>.Success(link.Name);
    }
}
