using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TeamShare.SharedKernel.Pages;
using Mediator;
using TeamShare.Invitations.Mail;
using TeamShare.Invitations.Contracts;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Invitations.Pages.Admin;

/// <summary>Admin console: the team's mail delivery (see <see cref="TeamMailQueue"/>); undeliverable mail can be queued again.</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class MailModel(IMediator mediator) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    internal TeamMailQueueDto Queue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!TeamMailQueue.Statuses.Contains(Status)) Status = null;
        Queue = await mediator.Send(new TeamMailQueue(User.GetTeamId(), Status), ct);
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        Message = $"Mails queued again: {await mediator.Send(new ResendFailedMail(User.GetTeamId()), ct)}.";
        return RedirectToPage(new { Status });
    }

    public static string Kind(string template) => template switch
    {
        "invitation-internal" => "invitation (member)",
        "invitation-external" => "invitation (outside)",
        "password-reset" => "password reset",
        "signin-burst" => "failed sign-ins",
        _ => template.Replace('-', ' '),
    };
}
