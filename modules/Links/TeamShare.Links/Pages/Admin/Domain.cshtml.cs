using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Data;
using TeamShare.Links.Settings;
using TeamShare.SharedKernel.Pages;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Pages.Admin;

/// <summary>Admin console: the team's link domain (LK-10) with its DNS proof, and the daily cap it unlocks (LK-9).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class DomainModel(TimeProvider clock) : ConsolePageModel
{
    internal LinkSettingsDto Settings { get; private set; } = null!;

    private LinksDbContext Db => HttpContext.RequestServices.GetRequiredService<LinksDbContext>();

    public async Task OnGetAsync(CancellationToken ct) => Settings = await LinkSettingsEndpoints.ReadAsync(Db, User.GetTeamId(), ct);

    public async Task<IActionResult> OnPostSaveAsync(string? customDomain, int? dailyCap, CancellationToken ct) =>
        Done(await LinkSettingsEndpoints.SaveAsync(Db, User.GetTeamId(), new LinkSettingsRequest(customDomain, dailyCap ?? LinkLimits.DefaultDailyCap),
            clock.GetUtcNow().UtcDateTime, ct), "Saved.");

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct) =>
        Done(await LinkSettingsEndpoints.VerifyAsync(Db, HttpContext.RequestServices.GetRequiredService<DomainVerifier>(), User.GetTeamId(),
            clock.GetUtcNow().UtcDateTime, ct), "The domain is verified: new links and QR codes use it.");
}
