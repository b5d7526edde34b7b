using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Sharing;

namespace TeamShare.Spaces.Pages;

/// <summary>Shared with me (SH-10).</summary>
public sealed class SharedWithMeModel : PageModel
{
    internal IReadOnlyList<SharedItemDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await HttpContext.RequestServices.GetRequiredService<SharedWithMe>().ForAsync(User.GetUserId(), User.GetTeamId(), ct);
}
