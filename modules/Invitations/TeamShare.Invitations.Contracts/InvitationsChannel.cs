using Mediator;

namespace TeamShare.Invitations.Contracts;

/// <summary>The channel key under which e-mail invitations register (CH-1) and which policy switches (AD-10).</summary>
public static class InvitationsChannel
{
    public const string Name = "email";
}

/// <summary>
/// JB-2: put a mail in the outbox. <paramref name="DedupKey"/> makes it idempotent: queuing the same key twice sends one
/// mail, so a job that crashed halfway can simply run again. <paramref name="Template"/> names a file pair under templates/.
/// <paramref name="SendNow"/>: someone is waiting for this mail (a reset, an invitation), so the mail sweep runs at once
/// instead of at its next minute; sweeps that queue many mails leave it off.
/// </summary>
/// <paramref name="Member"/>: the member the mail is for, when it is one; a mail of a kind they turned off (issue 28) is not queued.
public sealed record QueueMail(Guid TeamId, string To, string Template, IReadOnlyDictionary<string, string> Model, string DedupKey, bool SendNow = false,
    Guid? Member = null)
    : IRequest<bool>
{
    /// <summary>The model's one-click address that stops such mails; it also becomes the List-Unsubscribe header (RFC 8058).</summary>
    public const string UnsubscribeKey = "unsubscribe_url";
}

/// <summary>
/// Issue 23: undeliverable mail back into the queue with five fresh days of tries: one team's (<paramref name="TeamId"/>), or
/// every team's (null: the operator's <c>resend-failed-mail</c> command). Answers how many were queued.
/// </summary>
public sealed record ResendFailedMail(Guid? TeamId) : IRequest<int>;

/// <summary>
/// Issue 28: the mails a member can turn off on their notifications page: someone shared with them (<paramref name="SharedWithMe"/>),
/// an outside recipient's access they gave ends tomorrow (<paramref name="ExpiryReminders"/>), their links expired
/// (<paramref name="LinksExpired"/>). Mails that keep an account safe (resets, codes, revocations) cannot be turned off.
/// </summary>
public sealed record MailChoices(bool SharedWithMe, bool ExpiryReminders, bool LinksExpired);

public sealed record GetMailChoices(Guid UserId) : IRequest<MailChoices>;

public sealed record SetMailChoices(Guid UserId, Guid TeamId, MailChoices Choices) : IRequest<MailChoices>;
