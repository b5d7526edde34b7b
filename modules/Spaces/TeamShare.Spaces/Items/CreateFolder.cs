using TeamShare.SharedKernel.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

internal sealed record CreateFolderRequest(string? Name, Guid? ParentId);

/// <summary>SP-1: a new folder in a folder the caller can edit; it belongs to the caller.</summary>
internal sealed record CreateFolder(Guid UserId, Guid TeamId, Guid SpaceId, Guid? ParentId, string? Name) : IRequest<Outcome<ItemDto>>;

internal sealed class CreateFolderHandler(FolderLookup folders, ItemWriter writer) : IRequestHandler<CreateFolder, Outcome<ItemDto>>
{
    public async ValueTask<Outcome<ItemDto>> Handle(CreateFolder r, CancellationToken ct)
    {
        if (ItemNames.Problem(r.Name) is { } problem) return Outcome<ItemDto>.Invalid("name", problem);
        if (await folders.FindAsync(r.UserId, r.TeamId, r.SpaceId, r.ParentId, ct) is not { } found) return Outcome<ItemDto>.NotFound();
        if (found.Role < AccessRole.Editor) return Outcome<ItemDto>.Forbidden("You can view this folder but not add to it.", "role_too_low");
        var folder = await writer.AddAsync(found.Folder, r.Name!, ItemKinds.Folder, r.UserId, ct: ct);
        return Outcome<ItemDto>.Success(folder.ToDto(AccessRole.Owner));
    }
}

internal static class CreateFolderEndpoint
{
    public static async Task<Results<Created<ItemDto>, Refusal>> Handle(Guid spaceId, CreateFolderRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new CreateFolder(user.GetUserId(), user.GetTeamId(), spaceId, body.ParentId, body.Name), ct))
        .ToHttp(folder => TypedResults.Created($"/api/items/{folder.Id}", folder));
}

internal sealed class CreateFolderValidator : IValidator<CreateFolderRequest>
{
    public IReadOnlyDictionary<string, string[]> Validate(CreateFolderRequest body) =>
        ItemNames.Problem(body.Name) is { } problem ? new Dictionary<string, string[]> { ["name"] = [problem] } : new Dictionary<string, string[]>();
}
