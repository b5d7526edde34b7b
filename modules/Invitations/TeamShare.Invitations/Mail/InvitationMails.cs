using System.Text.Json;
using TeamShare.Invitations.Data;

namespace TeamShare.Invitations.Mail;

/// <summary>A mail about an invitation, into the outbox in the caller's unit of work; its id makes a repeat harmless.</summary>
internal static class InvitationMails
{
    public static void Queue(InvitationsDbContext db, Guid teamId, Guid senderId, Invitation invitation, string to, string template,
        Dictionary<string, string> model, DateTime now) =>
        db.Outbox.Add(OutboxMail.Create(teamId, QueueMailHandler.MessageIdFor($"{template}:{invitation.Id}:{to}"), to, template,
            JsonSerializer.Serialize(model), now, senderId, invitation.Id));
}
