using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Search;

namespace TeamShare.Spaces.Recent;

/// <summary>
/// Issue 28, Recent: the files changed lately that the member may open (their own, their team spaces', what is shared with
/// them), newest change first, as Nextcloud's Recent shows them. Built from what changed, not from what was opened, so
/// reading a file writes nothing.
/// </summary>
internal sealed record ListRecentFiles(Guid UserId, Guid TeamId) : IRequest<IReadOnlyList<PlacedItemDto>>
{
    public const int Max = 50;
}

internal sealed class ListRecentFilesHandler(ItemPlaces places) : IRequestHandler<ListRecentFiles, IReadOnlyList<PlacedItemDto>>
{
    public async ValueTask<IReadOnlyList<PlacedItemDto>> Handle(ListRecentFiles r, CancellationToken ct) =>
        await places.PlaceAsync(r.UserId, r.TeamId,
            await places.NewestAsync(r.UserId, r.TeamId, i => i.Kind == ItemKinds.File, ListRecentFiles.Max, ct), ct);
}

internal static class RecentEndpoints
{
    public static async Task<Ok<IReadOnlyList<PlacedItemDto>>> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListRecentFiles(user.GetUserId(), user.GetTeamId()), ct));
}
