using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Data;
using TeamShare.Links.Settings;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Pages.Admin;

/// <summary>Admin console: the team's link domain (LK-10) with its DNS proof, and the daily cap it unlocks (LK-9).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class DomainModel(TimeProvider clock) : PageModel
{
    internal LinkSettingsDto Settings { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    private LinksDbContext Db => HttpContext.RequestServices.GetRequiredService<LinksDbContext>();

    public async Task OnGetAsync(CancellationToken ct) => Settings = await LinkSettingsEndpoints.ReadAsync(Db, User.GetTeamId(), ct);

    public async Task<IActionResult> OnPostSaveAsync(string? customDomain, int? dailyCap, CancellationToken ct)
    {
        var outcome = await LinkSettingsEndpoints.SaveAsync(Db, User.GetTeamId(),
            new LinkSettingsRequest(customDomain, dailyCap ?? LinkLimits.DefaultDailyCap), clock.GetUtcNow().UtcDateTime, ct);
        return await ShowAsync(outcome, "Saved.", ct);
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        var outcome = await LinkSettingsEndpoints.VerifyAsync(Db, HttpContext.RequestServices.GetRequiredService<DomainVerifier>(),
            User.GetTeamId(), clock.GetUtcNow().UtcDateTime, ct);
        return await ShowAsync(outcome, "The domain is verified: new links and QR codes use it.", ct);
    }

    private async Task<IActionResult> ShowAsync(Outcome<LinkSettingsDto> outcome, string done, CancellationToken ct)
    {
        if (outcome.Ok) Message = done;
        else
        {
            Error = outcome.Message;
            Response.StatusCode = outcome.Status;
        }
        await OnGetAsync(ct);
        return Page();
    }
}
