using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Pages;
using TeamShare.Identity.Contracts;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Admin;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Spaces.Pages.Admin;

/// <summary>Admin console: team spaces and who has which role in them (SP-1).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class SpacesModel(IMediator mediator) : ConsolePageModel
{
    internal IReadOnlyList<TeamSpaceDto> Spaces { get; private set; } = [];
    public TeamPrincipals Principals { get; private set; } = new([], [], 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Spaces = await mediator.Send(new ListTeamSpaces(User.GetTeamId()), ct);
        Principals = await mediator.Send(new ListTeamPrincipals(User.GetTeamId()), ct);
    }

    internal string NameOf(SpaceAccessDto access) => access.Kind switch
    {
        "organisation" => "Everyone",
        "user" => Principals.Users.FirstOrDefault(u => u.Id == access.PrincipalId)?.Name ?? "(former member)",
        _ => Principals.Departments.FirstOrDefault(d => d.Id == access.PrincipalId)?.Name ?? "(deleted department)",
    };

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct)
    {
        return Done(await mediator.Send(new CreateTeamSpace(User.GetTeamId(), name), ct), $"Team space {name} created.");
    }

    /// <summary>The principal arrives as "kind:id" from one select, so the form stays one control.</summary>
    public async Task<IActionResult> OnPostGrantAsync(Guid id, string? principal, AccessRole role, CancellationToken ct)
    {
        var parts = (principal ?? "").Split(':');
        Guid? principalId = parts.Length == 2 && Guid.TryParse(parts[1], out var pid) ? pid : null;
        return Done(await mediator.Send(new GrantTeamSpaceAccess(User.GetTeamId(), User.GetUserId(), id, new SpaceAccessRequest(parts[0], principalId, role)), ct),
            "Access given.");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid grantId, CancellationToken ct)
    {
        await mediator.Send(new RevokeTeamSpaceAccess(User.GetTeamId(), id, grantId), ct);
        Message = "Access removed.";
        return RedirectToPage();
    }
}
