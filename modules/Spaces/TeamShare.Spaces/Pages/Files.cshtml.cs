using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Pages;

/// <summary>My files and team spaces: breadcrumbs, the folder's items, upload and new folder (SP-1, SP-2).</summary>
public sealed class FilesModel(IMediator mediator) : PageModel
{
    /// <summary>Items per page: a folder of thousands opens as fast as a small one; "Next" shows the following page.</summary>
    public const int PageSize = 500;

    private FolderView View { get; set; } = null!;
    internal IReadOnlyList<SpaceDto> Spaces => View.Spaces;
    internal SpaceDto? Space => View.Space;
    public Guid FolderId => View.FolderId;
    public AccessRole FolderRole => View.FolderRole;
    internal IReadOnlyList<Crumb> Breadcrumbs => View.Breadcrumbs;
    internal IReadOnlyList<ItemDto> Items => View.Items;
    internal IReadOnlyList<FolderChoice> Folders => View.Folders;

    /// <summary>Where the next page starts, when this folder has more items than one page shows.</summary>
    public string? NextPage => View.Next is { } next ? $"{SortUrl(Sort)}&after={next.Encode()}" : null;
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
        IsLaterPage = cursor is not null;
        if (await mediator.Send(new GetFolderView(User.GetUserId(), User.GetTeamId(), space, folder, order, cursor, PageSize), ct) is not { } view)
            return NotFound();
        View = view;
        return Page();
    }
}
