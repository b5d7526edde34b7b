using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Mediator;
using TeamShare.Links.Data;
using TeamShare.Links.Settings;
using TeamShare.SharedKernel.Pages;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Pages.Admin;

/// <summary>Admin console: the team's link domain (LK-10) with its DNS proof, and the daily cap it unlocks (LK-9).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class DomainModel(IMediator mediator) : ConsolePageModel
{
    internal LinkSettingsDto Settings { get; private set; } = null!;
    internal long DropBoxMegabytes => Settings.DropBoxLimitBytes / LinkLimits.Megabyte;

    public async Task OnGetAsync(CancellationToken ct) => Settings = await mediator.Send(new GetLinkSettings(User.GetTeamId()), ct);

    public async Task<IActionResult> OnPostSaveAsync(string? customDomain, int? dailyCap, long? dropBoxMegabytes, CancellationToken ct) =>
        Done(await mediator.Send(new SaveLinkSettings(User.GetTeamId(), new LinkSettingsRequest(customDomain, dailyCap ?? LinkLimits.DefaultDailyCap,
            dropBoxMegabytes * LinkLimits.Megabyte)), ct), "Saved.");

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct) =>
        Done(await mediator.Send(new VerifyLinkDomain(User.GetTeamId()), ct), "The domain is verified: new links and QR codes use it.");
}
