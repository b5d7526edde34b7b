using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Pages;
using TeamShare.Identity.Admin;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Admin;

/// <summary>Admin console: members (ID-2, ID-3, ID-7).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class MembersModel(IMediator mediator) : ConsolePageModel
{
    internal IReadOnlyList<MemberDto> Members { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Members = await mediator.Send(new ListMembers(User.GetTeamId()), ct);

    public async Task<IActionResult> OnPostAddAsync(string? email, string? displayName, string? password, string? role, CancellationToken ct) =>
        Done(await mediator.Send(new AddMember(AdminEndpoints.ActorOf(User), email, displayName, password, role), ct), $"Added {email}.");

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role, CancellationToken ct) =>
        Done(await mediator.Send(new UpdateMember(AdminEndpoints.ActorOf(User), id, role, null), ct), "Role changed.");

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active, CancellationToken ct) =>
        Done(await mediator.Send(new UpdateMember(AdminEndpoints.ActorOf(User), id, null, active), ct),
            active ? "Member reactivated." : "Member suspended. Their access has ended.");

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid? transferTo, CancellationToken ct) =>
        Done(await mediator.Send(new RemoveMember(AdminEndpoints.ActorOf(User), id, transferTo), ct), "Member removed; their items were transferred.");
}
