using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

internal static class ListItemsEndpoint
{
    /// <summary>
    /// GET /api/spaces/{spaceId}/items?parentId=&amp;sort=&amp;limit=&amp;after=: a folder's children, folders first, with the caller's
    /// role on each, by name, size or modification time (<c>sort=size-desc</c>, …). Without <c>limit</c>, all of them; with it,
    /// a page, and a <c>Link: &lt;…&gt;; rel="next"</c> header while more follow.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<ItemDto>>, ValidationProblem, ProblemHttpResult>> Handle(Guid spaceId, Guid? parentId, int? limit, string? after, string? sort, HttpContext http,
        ClaimsPrincipal user, FolderLookup folders, CancellationToken ct)
    {
        if (limit is < 1 or > FolderCursor.MaxPage) return Problems.Field("limit", $"Ask for 1 to {FolderCursor.MaxPage} items per page.");
        if (FolderSort.Parse(sort) is not { } order)
            return Problems.Field("sort", "Sort by name, size or modified, with -desc for the other way (size-desc).");
        if (!FolderCursor.TryDecode(after, order, out var cursor))
            return Problems.Field("after", "Pass the \"after\" value from the previous page's Link header unchanged.");
        var userId = user.GetUserId();
        var found = await folders.FindAsync(userId, user.GetTeamId(), spaceId, parentId, ct);
        if (found is null) return Problems.NotFound();
        var (folder, role) = found.Value;
        var page = await folders.PageAsync(userId, folder, role, cursor, limit, ct, order);
        var sorted = order == FolderSort.Default ? "" : $"&sort={order.Text}";
        if (page.Next is { } next)
            http.Response.Headers.Link = $"</api/spaces/{spaceId}/items?parentId={folder.Id}{sorted}&limit={limit}&after={next.Encode()}>; rel=\"next\"";
        return TypedResults.Ok(page.Items);
    }
}
