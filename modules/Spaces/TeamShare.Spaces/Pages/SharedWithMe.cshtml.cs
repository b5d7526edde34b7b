using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Grants;

namespace TeamShare.Spaces.Pages;

/// <summary>Shared with me (SH-10), <see cref="FilesModel.PageSize"/> items at a time as the files page shows a folder.</summary>
public sealed class SharedWithMeModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<SharedItemDto> Items { get; private set; } = [];

    /// <summary>Where the next page starts, when more is shared than one page shows.</summary>
    public string? NextPage { get; private set; }
    public bool IsLaterPage { get; private set; }

    public async Task OnGetAsync(string? after, CancellationToken ct)
    {
        // A damaged "after" in a page address shows the first page rather than an error.
        if (!SharedCursor.TryDecode(after, out _)) after = null;
        IsLaterPage = after is not null;
        var page = (await mediator.Send(new ListSharedWithMe(User.GetUserId(), User.GetTeamId(), FilesModel.PageSize, after), ct)).Value!;
        Items = page.Items;
        NextPage = page.Next is { } next ? $"/shared?after={next}" : null;
    }
}
