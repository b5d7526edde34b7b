using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mediator;
using TeamShare.Invitations.Mail;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Invitations.Pages.Admin;

/// <summary>Admin console: the team's mail delivery, read-only (see <see cref="TeamMailQueue"/>).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class MailModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    internal TeamMailQueueDto Queue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!TeamMailQueue.Statuses.Contains(Status)) Status = null;
        Queue = await mediator.Send(new TeamMailQueue(User.GetTeamId(), Status), ct);
    }

    public static string Kind(string template) => template switch
    {
        "invitation-internal" => "invitation (member)",
        "invitation-external" => "invitation (outside)",
        "password-reset" => "password reset",
        _ => template.Replace('-', ' '),
    };
}
