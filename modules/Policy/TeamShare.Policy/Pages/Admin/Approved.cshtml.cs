using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Pages;
using Mediator;
using TeamShare.Policy.Approved;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Pages.Admin;

/// <summary>Admin console: the approved list (AD-2).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class ApprovedModel(IMediator mediator) : ConsolePageModel
{
    internal IReadOnlyList<ApprovedDto> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await mediator.Send(new ListApproved(User.GetTeamId()), ct);

    public async Task<IActionResult> OnPostAddAsync(string? value, CancellationToken ct)
    {
        return Done(await mediator.Send(new AddApproved(User.GetTeamId(), User.GetUserId(), value), ct), $"{value?.Trim()} approved.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        await mediator.Send(new RemoveApproved(User.GetTeamId(), User.GetUserId(), id), ct);
        Message = "Removed from the approved list.";
        return RedirectToPage();
    }
}
