using TeamShare.SharedKernel.Validation;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Notices;

/// <param name="Notify">Whether a new link of this member mails them what happens to it (issue 11); each link can differ.</param>
internal sealed record NoticeDefaultDto(bool? Notify);

internal sealed record GetNoticeDefault(Guid UserId) : IRequest<NoticeDefaultDto>;

internal sealed record SetNoticeDefault(Guid UserId, Guid TeamId, bool Notify) : IRequest<NoticeDefaultDto>;

internal sealed class NoticeDefaultHandler(LinksDbContext db) : IRequestHandler<GetNoticeDefault, NoticeDefaultDto>, IRequestHandler<SetNoticeDefault, NoticeDefaultDto>
{
    public async ValueTask<NoticeDefaultDto> Handle(GetNoticeDefault r, CancellationToken ct) =>
        new(!await db.SharerSettings.Where(s => s.UserId == r.UserId).Select(s => s.NoticesOffByDefault).FirstOrDefaultAsync(ct));

    public async ValueTask<NoticeDefaultDto> Handle(SetNoticeDefault r, CancellationToken ct)
    {
        var row = await db.SharerSettings.FirstOrDefaultAsync(s => s.UserId == r.UserId, ct);
        if (row is null) db.SharerSettings.Add(row = new SharerSettings { UserId = r.UserId, TeamId = r.TeamId });
        row.NoticesOffByDefault = !r.Notify;
        await db.SaveChangesAsync(ct);
        return new NoticeDefaultDto(r.Notify);
    }
}

internal sealed class NoticeDefaultValidator : IValidator<NoticeDefaultDto>
{
    public IReadOnlyDictionary<string, string[]> Validate(NoticeDefaultDto body) => body.Notify is null
        ? new Dictionary<string, string[]> { ["notify"] = ["Say true or false."] } : new Dictionary<string, string[]>();
}

internal static class NoticeDefaultEndpoints
{
    public static async Task<Ok<NoticeDefaultDto>> Get(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetNoticeDefault(user.GetUserId()), ct));

    public static async Task<Ok<NoticeDefaultDto>> Put(NoticeDefaultDto body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new SetNoticeDefault(user.GetUserId(), user.GetTeamId(), body.Notify!.Value), ct));
}
