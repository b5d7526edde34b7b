using System.Linq.Expressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Data;

namespace TeamShare.Invitations.Mail;

/// <summary>
/// Issue 28: which mail templates a member can turn off, and who turned a template off. Every path that queues one of these
/// templates for a member asks here first; other templates (resets, codes, revocations, link notices with their own switch per
/// link) always go.
/// </summary>
internal static class MailSwitches
{
    private static Expression<Func<MailSettings, bool>>? OffFor(string template) => template switch
    {
        "invitation-internal" => s => s.SharedWithMeOff,
        "expiry-reminder" => s => s.ExpiryRemindersOff,
        "links-expired" => s => s.LinksExpiredOff,
        _ => null,
    };

    /// <summary>Of <paramref name="userIds"/>, those who turned <paramref name="template"/> off: one indexed query, none for other templates.</summary>
    public static async Task<HashSet<Guid>> SilencedAsync(InvitationsDbContext db, IReadOnlyCollection<Guid> userIds, string template, CancellationToken ct)
    {
        if (userIds.Count == 0 || OffFor(template) is not { } off) return [];
        var ids = userIds.Distinct().ToList();
        return (await db.MailSettings.AsNoTracking().Where(s => ids.Contains(s.UserId)).Where(off).Select(s => s.UserId).ToListAsync(ct)).ToHashSet();
    }
}

internal sealed class MailChoicesHandler(InvitationsDbContext db) : IRequestHandler<GetMailChoices, MailChoices>, IRequestHandler<SetMailChoices, MailChoices>
{
    public async ValueTask<MailChoices> Handle(GetMailChoices request, CancellationToken ct) =>
        await db.MailSettings.AsNoTracking().Where(s => s.UserId == request.UserId)
            .Select(s => new MailChoices(!s.SharedWithMeOff, !s.ExpiryRemindersOff, !s.LinksExpiredOff)).FirstOrDefaultAsync(ct)
        ?? new MailChoices(true, true, true);

    public async ValueTask<MailChoices> Handle(SetMailChoices request, CancellationToken ct)
    {
        var row = await db.MailSettings.FirstOrDefaultAsync(s => s.UserId == request.UserId, ct);
        if (row is null) db.MailSettings.Add(row = new MailSettings { UserId = request.UserId, TeamId = request.TeamId });
        (row.SharedWithMeOff, row.ExpiryRemindersOff, row.LinksExpiredOff) =
            (!request.Choices.SharedWithMe, !request.Choices.ExpiryReminders, !request.Choices.LinksExpired);
        await db.SaveChangesAsync(ct);
        return request.Choices;
    }
}
