using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TeamShare.Identity.SingleSignOn;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Pages;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Admin;

/// <summary>Issue 29: the owner connects the team's OpenID provider and proves its e-mail domains.</summary>
[Authorize(Policy = TeamShareClaims.OwnerPolicy)]
public sealed class SingleSignOnModel(IMediator mediator) : ConsolePageModel
{
    internal SingleSignOnDto Settings { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Settings = await mediator.Send(new GetSingleSignOn(User.GetTeamId(), PublicAddress.ForMessages(HttpContext)), ct);

    public async Task<IActionResult> OnPostSaveAsync(string? issuer, string? clientId, string? clientSecret, string? groupsClaim, bool createAccounts,
        bool required, string? domains, CancellationToken ct)
    {
        var list = (domains ?? "").Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = new SingleSignOnRequest(issuer, clientId, clientSecret, groupsClaim, createAccounts, required, list);
        return Done(await mediator.Send(new SaveSingleSignOn(User.GetTeamId(), PublicAddress.ForMessages(HttpContext), request), ct),
            string.IsNullOrWhiteSpace(issuer) ? "Single sign-on is off." : "Single sign-on is saved.");
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct) =>
        Done(await mediator.Send(new VerifyEmailDomains(User.GetTeamId(), PublicAddress.ForMessages(HttpContext)), ct), "The DNS records were checked.");
}
