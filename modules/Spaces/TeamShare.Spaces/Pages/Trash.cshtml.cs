using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Trash;

namespace TeamShare.Spaces.Pages;

/// <summary>Trash (SP-6): what the member deleted, restore or delete for good; purged after 30 days anyway.</summary>
public sealed class TrashModel : PageModel
{
    internal IReadOnlyList<TrashEntryDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var services = HttpContext.RequestServices;
        Items = await TrashListEndpoints.ForAsync(services.GetRequiredService<SpacesDbContext>(), services.GetRequiredService<Access.EffectiveRoles>(),
            User.GetUserId(), User.GetTeamId(), services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
    }
}
