using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Pages;

/// <summary>Trash (SP-6): what the member deleted, restore or delete for good; purged after 30 days anyway.</summary>
public sealed class TrashModel : PageModel
{
    internal IReadOnlyList<ItemDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var db = HttpContext.RequestServices.GetRequiredService<SpacesDbContext>();
        var (userId, teamId) = (User.GetUserId(), User.GetTeamId());
        var rows = await db.Items.AsNoTracking()
            .Where(i => i.TeamId == teamId && i.TrashedRootId == i.Id && i.OwnerUserId == userId)
            .OrderByDescending(i => i.TrashedAt).ToListAsync(ct);
        Items = rows.Select(i => i.ToDto(AccessRole.Owner)).ToList();
    }
}
