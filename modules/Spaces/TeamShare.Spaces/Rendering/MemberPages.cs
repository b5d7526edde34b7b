using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Rendering;

/// <summary>A file's pages for a member who may open it (SP-8).</summary>
internal sealed record GetMemberPages(Guid UserId, Guid TeamId, Guid Id) : IRequest<Outcome<PagesInfo>>;

/// <summary>One page (from 1), or the thumbnail for page 0, for a member who may open the file.</summary>
internal sealed record OpenMemberPage(Guid UserId, Guid TeamId, Guid Id, int Page) : IRequest<Outcome<PageImage>>;

internal sealed class MemberPagesHandler(EffectiveRoles roles, PageRenders pages)
    : IRequestHandler<GetMemberPages, Outcome<PagesInfo>>, IRequestHandler<OpenMemberPage, Outcome<PageImage>>
{
    public async ValueTask<Outcome<PagesInfo>> Handle(GetMemberPages r, CancellationToken ct) =>
        await FileAsync(r.UserId, r.TeamId, r.Id, ct) is { } item ? Outcome<PagesInfo>.Success(pages.Info(item)) : Outcome<PagesInfo>.NotFound();

    public async ValueTask<Outcome<PageImage>> Handle(OpenMemberPage r, CancellationToken ct) =>
        await FileAsync(r.UserId, r.TeamId, r.Id, ct) is { } item && pages.Open(item, r.Page, watermark: null) is { } page
            ? Outcome<PageImage>.Success(page) : Outcome<PageImage>.NotFound();

    private async Task<Item?> FileAsync(Guid userId, Guid teamId, Guid id, CancellationToken ct) =>
        await roles.ForItemAsync(userId, teamId, id, ct) is { Role: > AccessRole.None } f && f.Item.Kind == ItemKinds.File && f.Item.TrashedAt is null
            ? f.Item : null;
}

/// <summary>GET /api/items/{id}/pages, …/pages/{n}, …/thumbnail.</summary>
internal static class MemberPageEndpoints
{
    public static async Task<Results<Ok<PagesInfo>, Refusal>> Info(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetMemberPages(user.GetUserId(), user.GetTeamId(), id), ct)).ToHttp(info => TypedResults.Ok(info));

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Page(Guid id, int page, ClaimsPrincipal user, HttpResponse response, IMediator mediator, CancellationToken ct) =>
        Serve(id, page < 1 ? -1 : page, user, response, mediator, ct);

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Thumbnail(Guid id, ClaimsPrincipal user, HttpResponse response, IMediator mediator, CancellationToken ct) =>
        Serve(id, 0, user, response, mediator, ct);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Serve(Guid id, int page, ClaimsPrincipal user, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var found = await mediator.Send(new OpenMemberPage(user.GetUserId(), user.GetTeamId(), id, page), ct);
        if (found.Value is not { } image) return Problems.NotFound();
        return FileResponses.Page(response, image.Status, image.OpenRead, image.ETag);
    }
}
