using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TeamShare.SharedKernel.Pages;
using TeamShare.SharedKernel.Security;
using TeamShare.Webhooks.Settings;

namespace TeamShare.Webhooks.Pages.Admin;

/// <summary>Admin console: the team chat's webhook address (CH-2), editable here as well as through the API (issue 12).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class ChatModel(IMediator mediator) : ConsolePageModel
{
    public string? Url { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Url = (await mediator.Send(new GetWebhookSettings(User.GetTeamId()), ct)).Url;

    public async Task<IActionResult> OnPostSaveAsync(string? url, CancellationToken ct) =>
        Done(await mediator.Send(new SetWebhookUrl(User.GetTeamId(), User.GetUserId(), url), ct), string.IsNullOrWhiteSpace(url) ? "Removed." : "Saved.");

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct) =>
        Done(await mediator.Send(new SetWebhookUrl(User.GetTeamId(), User.GetUserId(), null), ct), "Removed.");
}
