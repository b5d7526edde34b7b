using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Pages;
using Mediator;
using TeamShare.Policy.Settings;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Pages.Admin;

/// <summary>Admin console: the sharing policy of section 5, in its order, with each setting's help (AD-1..AD-10).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class PolicyModel(IMediator mediator) : ConsolePageModel
{
    internal PolicyResponse Current { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Current = await mediator.Send(new GetPolicy(User.GetTeamId()), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var form = Request.Form;
        bool On(string name) => form[name] == "on";
        int? days = int.TryParse(form["MaxExternalLinkExpiryDays"], out var d) ? d : null;
        var settings = new PolicySettings(On("ExternalSharingEnabled"), form["EmailMode"].ToString(), On("LinksOutsideTeamEnabled"),
            form["DefaultLinkAudience"].ToString(), form["DefaultLinkPermission"].ToString(), On("MembersMayOverrideLinkDefaults"), days,
            On("MembersMayChangeExpiry"), On("RequirePasswordForExternalLinks"), On("LinkRestrictionsTeamWide"), On("AllowExternalEditableFolders"),
            On("RequireRecipientCode"), On("WatermarkOutsidePages"));
        var current = await mediator.Send(new GetPolicy(User.GetTeamId()), ct);
        var channels = current.Channels.ToDictionary(c => c.Name, c => On($"channel-{c.Name}"));
        return Done(await mediator.Send(new UpdatePolicy(User.GetTeamId(), User.GetUserId(), new UpdatePolicyRequest(settings, channels)), ct),
            "Sharing policy saved. It applies to new shares; switching off external sharing or outside links also stops existing ones.");
    }
}
