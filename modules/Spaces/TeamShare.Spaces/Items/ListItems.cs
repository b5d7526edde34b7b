using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Spaces.Items;

/// <summary>
/// A folder's children for the API (the files page sends <see cref="GetFolderView"/>, which adds what the page shows around
/// them): folders first, with the caller's role on each, by name, size or modification time (<c>sort=size-desc</c>, …).
/// Without <paramref name="Limit"/>, all of them; with it, a page. The same <see cref="FolderLookup"/> answers both.
/// </summary>
/// <param name="After">The previous page's cursor, as the Link header gave it.</param>
internal sealed record ListFolderPage(Guid UserId, Guid TeamId, Guid SpaceId, Guid? ParentId, int? Limit, string? After, string? Sort)
    : IRequest<Outcome<ListedPage>>;

/// <param name="Next">The cursor of the next page, null on the last.</param>
internal sealed record ListedPage(Guid FolderId, IReadOnlyList<ItemDto> Items, string? Next, string? Sort);

internal sealed class ListFolderPageValidator : IValidator<ListFolderPage>
{
    public IReadOnlyDictionary<string, string[]> Validate(ListFolderPage r)
    {
        if (KeysetPages.InvalidLimit(r.Limit) is { } limit) return limit;
        if (FolderSort.Parse(r.Sort) is not { } order)
            return Invalid.Field("sort", "Sort by name, size or modified, with -desc for the other way (size-desc).");
        return KeysetPages.CursorCheck(FolderCursor.TryDecode(r.After, order, out _));
    }
}

internal sealed class ListFolderPageHandler(FolderLookup folders) : IRequestHandler<ListFolderPage, Outcome<ListedPage>>
{
    public async ValueTask<Outcome<ListedPage>> Handle(ListFolderPage r, CancellationToken ct)
    {
        var order = FolderSort.Parse(r.Sort)!;
        FolderCursor.TryDecode(r.After, order, out var cursor);
        if (await folders.FindAsync(r.UserId, r.TeamId, r.SpaceId, r.ParentId, ct) is not { } found) return Outcome<ListedPage>.NotFound();
        var (folder, role) = found;
        var page = await folders.PageAsync(r.UserId, folder, role, cursor, r.Limit, ct, order);
        return Outcome<ListedPage>.Success(new ListedPage(folder.Id, page.Items, page.Next?.Encode(), order == FolderSort.Default ? null : order.Text));
    }
}

internal static class ListItemsEndpoint
{
    /// <summary>GET /api/spaces/{spaceId}/items?parentId=&amp;sort=&amp;limit=&amp;after=, with a <c>Link: &lt;…&gt;; rel="next"</c> header while more follow.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ItemDto>>, Refusal>> Handle(Guid spaceId, Guid? parentId, int? limit, string? after, string? sort,
        HttpResponse response, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListFolderPage(user.GetUserId(), user.GetTeamId(), spaceId, parentId, limit, after, sort), ct)).ToHttp(page =>
        {
            if (page.Next is { } next)
                response.Headers.Link = $"</api/spaces/{spaceId}/items?parentId={page.FolderId}{(page.Sort is { } s ? $"&sort={s}" : "")}&limit={limit}&after={next}>; rel=\"next\"";
            return TypedResults.Ok(page.Items);
        });
}
