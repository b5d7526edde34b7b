using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TeamShare.Identity.DirectorySync;
using TeamShare.SharedKernel.Pages;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Admin;

/// <summary>Issue 29: the owner connects the team's LDAP directory, previews what a sync would change, and syncs.</summary>
[Authorize(Policy = TeamShareClaims.OwnerPolicy)]
public sealed class DirectoryModel(IMediator mediator) : ConsolePageModel
{
    internal DirectorySettingsDto Settings { get; private set; } = null!;
    /// <summary>The dry run's answer, shown on this page only after "Preview".</summary>
    internal DirectorySyncDto? Plan { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Settings = await mediator.Send(new GetDirectory(User.GetTeamId()), ct);

    public async Task<IActionResult> OnPostSaveAsync(string? url, string? bindDn, string? bindPassword, string? baseDn, string? userFilter,
        string? groupFilter, string? emailAttribute, string? nameAttribute, string? memberAttribute, CancellationToken ct) =>
        Done(await mediator.Send(new SaveDirectory(User.GetTeamId(),
                new DirectoryRequest(url, bindDn, bindPassword, baseDn, userFilter, groupFilter, emailAttribute, nameAttribute, memberAttribute)), ct),
            string.IsNullOrWhiteSpace(url) ? "The directory is disconnected." : "The directory is saved.");

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        var outcome = await mediator.Send(new SyncDirectory(User.GetTeamId(), Apply: false), ct);
        if (!outcome.Ok) return Done(outcome, "");
        Plan = outcome.Value;
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSyncAsync(CancellationToken ct) =>
        Done(await mediator.Send(new SyncDirectory(User.GetTeamId(), Apply: true), ct), "The directory is synced.");
}
