using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Pages;

/// <summary>My files and team spaces: breadcrumbs, the folder's items, upload and new folder (SP-1, SP-2).</summary>
public sealed class FilesModel : PageModel
{
    /// <param name="Open">False for folders above that the viewer may not open: shown as "…", never named or linked.</param>
    internal sealed record Crumb(Guid? FolderId, string Name, bool Open = true);

    internal IReadOnlyList<SpaceDto> Spaces { get; private set; } = [];
    internal SpaceDto? Space { get; private set; }
    public Guid FolderId { get; private set; }
    public AccessRole FolderRole { get; private set; }
    internal IReadOnlyList<Crumb> Breadcrumbs { get; private set; } = [];
    internal IReadOnlyList<ItemDto> Items { get; private set; } = [];
    internal IReadOnlyList<(Guid Id, string Path)> Folders { get; private set; } = [];

    /// <summary>Items per page: a folder of thousands opens as fast as a small one; "Next" shows the following page.</summary>
    public const int PageSize = 500;

    /// <summary>Where the next page starts, when this folder has more items than one page shows.</summary>
    public string? NextPage { get; private set; }
    public bool IsLaterPage { get; private set; }

    /// <summary>The listing order, "name" unless the viewer clicked a column heading (issue 12).</summary>
    public string Sort { get; private set; } = FolderSort.Default.Text;

    /// <summary>This folder's address listed in another order (from its first page).</summary>
    public string SortUrl(string sort) =>
        $"/files?space={Space!.Id}&folder={FolderId}" + (sort == FolderSort.Default.Text ? "" : $"&sort={sort}");

    public async Task<IActionResult> OnGetAsync(Guid? space, Guid? folder, string? after, string? sort, CancellationToken ct)
    {
        // A damaged "after" or "sort" in a page address shows the first page by name rather than an error.
        var order = FolderSort.Parse(sort) ?? FolderSort.Default;
        Sort = order.Text;
        if (!FolderCursor.TryDecode(after, order, out var cursor)) cursor = null;
        var services = HttpContext.RequestServices;
        var (userId, teamId) = (User.GetUserId(), User.GetTeamId());
        Spaces = await services.GetRequiredService<VisibleSpaces>().ForAsync(userId, teamId, ct);
        var db = services.GetRequiredService<SpacesDbContext>();

        var found = await services.GetRequiredService<FolderLookup>().FindAsync(userId, teamId, space ?? Spaces[0].Id, folder, ct);
        if (found is null) return NotFound();
        var (current, role) = found.Value;
        FolderId = current.Id;
        FolderRole = role;

        var spaceRow = await db.Spaces.AsNoTracking().FirstAsync(s => s.Id == current.SpaceId, ct);
        Space = new SpaceDto(spaceRow.Id, spaceRow.Name, spaceRow.Kind, spaceRow.RootItemId, role);

        var roles = services.GetRequiredService<EffectiveRoles>();
        var chain = current.SelfAndAncestors().ToList();
        // SP-8 for every folder above: one reached only through a share further down is not named (issue 14 finding 4).
        var above = (await roles.ForItemsAsync(userId, teamId, chain, ct)).ToDictionary(a => a.Item.Id);
        Breadcrumbs = chain.Select((id, index) => above.GetValueOrDefault(id) is { Role: > AccessRole.None } a
                ? new Crumb(index == 0 ? null : id, index == 0 ? spaceRow.Name : a.Item.Name)
                : new Crumb(null, "…", Open: false))
            .Where((c, index) => c.Open || index == 0 || above.GetValueOrDefault(chain[index - 1]).Role > AccessRole.None).ToList();

        var page = await services.GetRequiredService<FolderLookup>().PageAsync(userId, current, role, cursor, PageSize, ct, order);
        Items = page.Items;
        IsLaterPage = cursor is not null;
        NextPage = page.Next is { } next ? $"{SortUrl(Sort)}&after={next.Encode()}" : null;
        if (Items.Count > 0) Folders = await FolderPaths.OfSpaceAsync(db, roles, userId, teamId, current.SpaceId, ct);
        return Page();
    }
}
