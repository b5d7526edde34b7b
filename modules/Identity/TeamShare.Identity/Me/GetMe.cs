using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Me;

/// <param name="TimeZone">The zone mails write times in (issue 28); null: UTC.</param>
internal sealed record MeResponse(Guid Id, string Email, string DisplayName, Guid TeamId, string TeamName, string Role, string? TimeZone);

internal sealed record GetMe(Guid UserId) : IRequest<MeResponse>;

internal sealed class GetMeHandler(IdentityDbContext db) : IRequestHandler<GetMe, MeResponse>
{
    public async ValueTask<MeResponse> Handle(GetMe request, CancellationToken ct)
    {
        var id = request.UserId;
        var me = await (from u in db.Users
                        join t in db.Teams on u.TeamId equals t.Id
                        where u.Id == id
                        select new MeResponse(u.Id, u.Email, u.DisplayName, u.TeamId, t.Name, u.Role, u.TimeZone))
            .AsNoTracking().FirstAsync(ct);
        return me;
    }
}

internal static class GetMeEndpoint
{
    public static async Task<Ok<MeResponse>> Handle(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetMe(user.GetUserId()), ct));
}
