using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Preview;
using TeamShare.Spaces.Versions;

namespace TeamShare.Spaces.Pages;

/// <summary>File view (SP-4, SP-5, SP-7): preview, download, edit text, versions, rename, move, copy, delete.</summary>
public sealed class ItemViewModel : PageModel
{
    internal ItemDto Item { get; private set; } = null!;
    internal IReadOnlyList<VersionDto> Versions { get; private set; } = [];
    internal IReadOnlyList<(Guid Id, string Path)> Folders { get; private set; } = [];
    public bool CanPreview { get; private set; }
    public string? EditableText { get; private set; }
    public string BackUrl { get; private set; } = "/files";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var services = HttpContext.RequestServices;
        var (userId, teamId) = (User.GetUserId(), User.GetTeamId());
        var found = await services.GetRequiredService<EffectiveRoles>().ForItemAsync(userId, teamId, id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.Kind != ItemKinds.File || f.Item.TrashedAt is not null) return NotFound();
        var db = services.GetRequiredService<SpacesDbContext>();
        Item = f.Item.ToDto(f.Role);
        BackUrl = $"/files?space={f.Item.SpaceId}&folder={f.Item.ParentId}";
        CanPreview = Previews.For(f.Item, services.GetRequiredService<Blobs.IBlobStore>()) is not null;
        Versions = await VersionEndpoints.ListAsync(db, HttpContext.RequestServices.GetRequiredService<Mediator.IMediator>(), f.Item, ct);
        if (f.Role >= AccessRole.Editor && Previews.IsText(f.Item) && f.Item.Size <= Previews.MaxMarkdownBytes)
        {
            using var reader = new StreamReader(services.GetRequiredService<Blobs.IBlobStore>().OpenRead(f.Item.ContentSha256!));
            EditableText = await reader.ReadToEndAsync(ct);
        }
        if (f.Role >= AccessRole.Editor)
        {
            Folders = await FolderPaths.OfSpaceAsync(db, services.GetRequiredService<EffectiveRoles>(), userId, teamId, f.Item.SpaceId, ct);
        }
        return Page();
    }
}
