using TeamShare.SharedKernel.Localization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Text;

using TeamShare.Invitations.Mail;

namespace TeamShare.Invitations.Invite;

/// <summary>
/// SH-11: one day before an external recipient's access ends, the sender is told by e-mail. Access ends on time anyway: the
/// external link checks the expiry on every use; a sender who turned these mails off (issue 28) gets none. Idempotent through ReminderQueuedAt and the mail's dedup key.
/// </summary>
internal sealed class ExpiryReminderJob(InvitationsDbContext db, IMediator mediator, TimeProvider clock) : IRecurringJob
{
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now + Ahead;
        var due = await db.Invitations.Where(i => i.RecipientKind == "external" && i.RevokedAt == null && i.ReminderQueuedAt == null
                                                  && i.ExternalExpiresAt > now && i.ExternalExpiresAt <= soon)
            // The soonest first, so a backlog larger than one batch reminds those about to lose access before the others.
            .OrderBy(i => i.ExternalExpiresAt).Take(200).ToListAsync(ct);
        // The senders' addresses: one question per team, however many reminders are due.
        var senders = new Dictionary<(Guid Team, Guid User), UserContact>();
        foreach (var team in due.GroupBy(i => i.TeamId))
            foreach (var (userId, contact) in await mediator.Send(new GetUserContacts(team.Key, team.Select(i => i.SenderId).Distinct().ToList()), ct))
                senders[(team.Key, userId)] = contact;
        var silenced = await MailSwitches.SilencedAsync(db, due.Select(i => i.SenderId).ToList(), "expiry-reminder", ct);
        foreach (var invitation in due)
        {
            if (!silenced.Contains(invitation.SenderId) && senders.GetValueOrDefault((invitation.TeamId, invitation.SenderId)) is { } sender)
                InvitationMails.Queue(db, invitation.TeamId, invitation.SenderId, invitation, sender.Email, "expiry-reminder", new Dictionary<string, string>
                {
                    ["sender_name"] = sender.DisplayName, ["recipient"] = invitation.RecipientEmail ?? "", [Cultures.MailKey] = sender.Language,
                    ["expires_at"] = TimeZones.Format(invitation.ExternalExpiresAt!.Value, sender.TimeZone),
                }, now);
            invitation.ReminderQueuedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }
}
