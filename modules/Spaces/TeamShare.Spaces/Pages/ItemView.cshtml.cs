using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Versions;

namespace TeamShare.Spaces.Pages;

/// <summary>File view (SP-4, SP-5, SP-7): preview, download, edit text, versions, rename, move, copy, delete.</summary>
public sealed class ItemViewModel(IMediator mediator) : PageModel
{
    internal ItemDto Item => View.Item;
    internal IReadOnlyList<VersionDto> Versions => View.Versions;
    internal IReadOnlyList<FolderChoice> Folders => View.Folders;
    public bool CanPreview => View.CanPreview;
    public string? EditableText => View.EditableText;
    public string BackUrl => View.BackUrl;
    private ItemView View { get; set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await mediator.Send(new GetItemView(User.GetUserId(), User.GetTeamId(), id), ct) is not { } view) return NotFound();
        View = view;
        return Page();
    }
}
