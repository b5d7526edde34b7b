using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Spaces.Items;

/// <summary>An item with the caller's effective role (SP-8); not found when they have none.</summary>
internal sealed record GetItem(Guid UserId, Guid TeamId, Guid Id) : IRequest<Outcome<ItemDto>>;

internal sealed class GetItemHandler(EffectiveRoles roles) : IRequestHandler<GetItem, Outcome<ItemDto>>
{
    public async ValueTask<Outcome<ItemDto>> Handle(GetItem r, CancellationToken ct) =>
        await roles.ForItemAsync(r.UserId, r.TeamId, r.Id, ct) is { Role: > AccessRole.None } f
            ? Outcome<ItemDto>.Success(f.Item.ToDto(f.Role)) : Outcome<ItemDto>.NotFound();
}

internal static class GetItemEndpoint
{
    public static async Task<Results<Ok<ItemDto>, Refusal>> Handle(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetItem(user.GetUserId(), user.GetTeamId(), id), ct)).ToHttp(TypedResults.Ok);
}
