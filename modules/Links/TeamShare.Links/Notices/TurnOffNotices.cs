using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Links.Notices;

/// <summary>
/// The one click in a notice mail: no more mails about that link (issue 11). Answers the link's name. With
/// <paramref name="Apply"/> false it only checks the token and names the link: the page a mail's address opens asks first,
/// because mail scanners open every address in a mail (issue 27, Info).
/// </summary>
internal sealed record TurnOffNotices(string? Token, bool Apply = true) : IRequest<Outcome<string>>;

internal sealed class TurnOffNoticesHandler(LinksDbContext db, NoticeLinks links) : IRequestHandler<TurnOffNotices, Outcome<string>>
{
    public async ValueTask<Outcome<string>> Handle(TurnOffNotices r, CancellationToken ct)
    {
        if (links.Open(r.Token) is not { } id) return Outcome<string>.Invalid("t", "This link to stop mails is not valid. Use the one in the mail, whole.");
        var link = await db.Links.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (link is null) return Outcome<string>.NotFound();
        if (!r.Apply) return Outcome<string>.Success(link.Name);
        link.NoticesOff = true;
        await db.SaveChangesAsync(ct);
        return Outcome<string>.Success(link.Name);
    }
}
