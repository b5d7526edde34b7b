using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.CreateShare;
using TeamShare.Links.Data;
using TeamShare.Links.MyShares;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Pages.Shares;

/// <summary>One share: its options (modify, LK-5), a new QR code (LK-3), cancel (LK-6).</summary>
public sealed class DetailModel(TimeProvider clock) : PageModel
{
    internal ShareResponse Share { get; private set; } = null!;
    /// <summary>What the share holds, in its order, as far as the owner may still see it (issue 12: the page listed no files).</summary>
    public IReadOnlyList<ItemSummary> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var services = HttpContext.RequestServices;
        var userId = User.GetUserId();
        var share = await services.GetRequiredService<LinksDbContext>().Shares.AsNoTracking().Include(s => s.Items)
            .FirstOrDefaultAsync(s => s.Id == id && s.OwnerUserId == userId, ct);
        if (share is null) return NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var status = (await services.GetRequiredService<MySharesQuery>().StatusesAsync([share], User.GetTeamId(), now, ct))[share.Id];
        var linkBase = await services.GetRequiredService<LinkUrls>().BaseAsync(Request, share.TeamId, ct);
        Share = ShareMapping.ToResponse(share, LinkUrls.Again(linkBase, share, services.GetRequiredService<LinkTokenVault>()), now, status: status);
        var ids = share.Items.OrderBy(i => i.Position).Select(i => i.ItemId).ToList();
        var visible = (await services.GetRequiredService<Mediator.IMediator>().Send(new GetItemsAccess(userId, User.GetTeamId(), ids), ct))
            .Where(a => a.Role > AccessRole.None).ToDictionary(a => a.Item.Id, a => a.Item);
        Items = ids.Where(visible.ContainsKey).Select(id => visible[id]).ToList();
        return Page();
    }
}
