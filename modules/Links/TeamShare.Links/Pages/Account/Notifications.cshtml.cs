using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Links.Notices;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Pages.Account;

/// <summary>Issue 28: the mails a member gets, each turned on or off; the time zone they are written in is on the account page.</summary>
public sealed class NotificationsModel(IMediator mediator) : PageModel
{
    internal NotificationsDto Choices { get; private set; } = new(true, true, true, true);
    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Choices = await mediator.Send(new GetNotifications(User.GetUserId()), ct);

    /// <summary>A switch left off is not posted: every field absent from the form is off.</summary>
    public async Task OnPostAsync(bool sharedWithMe, bool expiryReminders, bool linksExpired, bool linkNotices, CancellationToken ct)
    {
        var outcome = await mediator.Send(new SetNotifications(User.GetUserId(), User.GetTeamId(),
            new NotificationsDto(sharedWithMe, expiryReminders, linksExpired, linkNotices)), ct);
        Choices = outcome.Value!;
        Saved = true;
    }
}
