using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Pages;
using TeamShare.Identity.Admin;
using TeamShare.SharedKernel.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Admin;

/// <summary>Admin console: members (ID-2, ID-3, ID-7).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class MembersModel(IMediator mediator, IOptions<TeamShareOptions> options) : ConsolePageModel
{
    internal IReadOnlyList<MemberDto> Members { get; private set; } = [];
    internal IReadOnlyList<MemberInvitationDto> Invitations { get; private set; } = [];
    public string? TeamLocale { get; private set; }
    public string TwoFactorRequired { get; private set; } = "off";
    internal Guid CurrentUserId => User.GetUserId();
    /// <summary>Server operators may make an account with a password at once; team admins invite by mail.</summary>
    public bool MaySetPassword => User.IsOperator(Options.Operators);

    private TeamShareOptions Options => options.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Members = await mediator.Send(new ListMembers(User.GetTeamId()), ct);
        Invitations = await mediator.Send(new ListMemberInvitations(User.GetTeamId()), ct);
        TeamLocale = (await mediator.Send(new GetTeamLanguage(User.GetTeamId()), ct)).Locale;
        TwoFactorRequired = (await mediator.Send(new GetTwoFactorPolicy(User.GetTeamId()), ct)).Require ?? "off";
    }

    public async Task<IActionResult> OnPostAddAsync(string? email, string? displayName, string? password, string? role, CancellationToken ct)
    {
        var actor = Actor.Of(User, Options);
        return string.IsNullOrEmpty(password)
            ? Done(await mediator.Send(new InviteMember(actor, email, displayName, role, PublicAddress.ForMessages(HttpContext)), ct),
                $"Invitation sent to {email}. They join when they accept it and choose a password.")
            : Done(await mediator.Send(new AddMember(actor, email, displayName, password, role), ct), $"Added {email}.");
    }

    /// <summary>Issue 11: the team's default language, for members who chose none.</summary>
    public async Task<IActionResult> OnPostRequireTwoFactorAsync(string? require, CancellationToken ct) =>
        Done(await mediator.Send(new SetTwoFactorPolicy(User.GetTeamId(), require), ct), "Saved.");

    public async Task<IActionResult> OnPostLanguageAsync(string? locale, CancellationToken ct) =>
        Done(await mediator.Send(new SetTeamLanguage(User.GetTeamId(), locale), ct), "Saved.");

    public async Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken ct)
    {
        var sent = await mediator.Send(new Recovery.SendMemberPasswordReset(User.GetTeamId(), id, PublicAddress.ForMessages(HttpContext), User.GetUserId()), ct);
        return Done(sent ? Outcome<bool>.Success(true) : Outcome<bool>.NotFound(), "A mail with a link to choose a new password is on its way to them.");
    }

    public async Task<IActionResult> OnPostTwoFactorAsync(Guid id, CancellationToken ct) =>
        Done(await mediator.Send(new TwoFactor.ResetSecondFactor(Actor.Of(User), id), ct), "Two-factor sign-in is off for them: their password alone signs them in.");

    public async Task<IActionResult> OnPostCancelInvitationAsync(Guid id, CancellationToken ct)
    {
        await mediator.Send(new CancelMemberInvitation(User.GetTeamId(), id), ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role, CancellationToken ct) =>
        Done(await mediator.Send(new UpdateMember(Actor.Of(User), id, role, null), ct), "Role changed.");

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active, CancellationToken ct) =>
        Done(await mediator.Send(new UpdateMember(Actor.Of(User), id, null, active), ct),
            active ? "Member reactivated." : "Member suspended. Their access has ended.");

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid? transferTo, CancellationToken ct) =>
        Done(await mediator.Send(new RemoveMember(Actor.Of(User), id, transferTo), ct), "Member removed; their items were transferred.");
}
