using TeamShare.SharedKernel.Validation;
using TeamShare.Identity.Admin;
using System.Diagnostics;
using TeamShare.SharedKernel.Localization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Contracts;
using TeamShare.Identity.Data;
using TeamShare.Invitations.Contracts;

namespace TeamShare.Identity.Recovery;

/// <summary>
/// "Forgot your password?": a reset mail goes to an active account's address. The answer is the same whether or not the
/// address has an account, so nobody learns who is a member; at most <see cref="PerHour"/> mails an hour per account, so the
/// form cannot be used to flood someone's inbox. Issue 27 L7: an anonymous request also answers after the same time either way
/// (<see cref="RequestPasswordResetHandler.EvenAnswer"/>), so its timing does not tell either; an admin's request for a member
/// of their team (<paramref name="Anonymous"/> false) has nothing to hide and is not held.
/// </summary>
/// <param name="SentBy">The admin who sent it (issue 28: the mail then says so, instead of "ignore it if it was not you").</param>
internal sealed record RequestPasswordReset(string? Email, string LinkBase, bool Anonymous = true, string? SentBy = null) : IRequest<bool>
{
    /// <summary>The same answer whether or not the address has an account, so the form tells nobody who is a member.</summary>
    public const string Sent = "If that address has an account, a mail with a link to choose a new password is on its way. The link works for an hour.";
}

internal sealed class RequestPasswordResetValidator : IValidator<RequestPasswordReset>
{
    public IReadOnlyDictionary<string, string[]> Validate(RequestPasswordReset request) =>
        MemberRules.EmailProblem(request.Email) is { } problem ? Invalid.Field("email", problem) : Invalid.None;
}

internal sealed class RequestPasswordResetHandler(IdentityDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<RequestPasswordReset, bool>
{
    public const int PerHour = 3;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an anonymous request takes, whatever it found: about ten times the work of a known address (a lookup, a
    /// count, the reset and its mail written), so the difference between the paths stays under it even on a busy machine.
    /// The wait is a timer, not a thread, and the form is rate limited per visitor.
    /// </summary>
    public static readonly TimeSpan EvenAnswer = TimeSpan.FromMilliseconds(250);

    public async ValueTask<bool> Handle(RequestPasswordReset request, CancellationToken ct)
    {
        if (!request.Anonymous) return await RequestAsync(request, ct);
        // Real time on purpose: the application's clock can be a test's frozen one, and this is about what a stopwatch sees.
        var started = Stopwatch.GetTimestamp();
        var sent = await RequestAsync(request, ct);
        // A timer may fire a little early; the answer must never come before the mark.
        TimeSpan left;
        while ((left = EvenAnswer - Stopwatch.GetElapsedTime(started)) > TimeSpan.Zero) await Task.Delay(left, ct);
        return sent;
    }

    private async Task<bool> RequestAsync(RequestPasswordReset request, CancellationToken ct)
    {
        var email = Principals.Normalize(request.Email ?? "");
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == email && u.IsActive && u.RemovedAt == null, ct);
        if (user is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - TimeSpan.FromHours(1);
        if (await db.PasswordResets.CountAsync(r => r.UserId == user.Id && r.CreatedAt > since, ct) >= PerHour) return false;

        var reset = new PasswordReset { Id = Guid.CreateVersion7(), UserId = user.Id, CreatedAt = now, ExpiresAt = now + Lifetime };
        db.PasswordResets.Add(reset);
        await db.SaveChangesAsync(ct);
        var model = new Dictionary<string, string>
        {
            ["display_name"] = user.DisplayName,
            [Cultures.MailKey] = user.Locale ?? Cultures.Current,
            [IssueMailLinkToken.KindKey] = IssueMailLinkToken.PasswordReset,
            [IssueMailLinkToken.SubjectKey] = reset.Id.ToString(),
            [IssueMailLinkToken.LinkBaseKey] = request.LinkBase,
            ["expires_minutes"] = ((int)Lifetime.TotalMinutes).ToString(),
            ["sent_by"] = request.SentBy ?? "",
        };
        await mediator.Send(new QueueMail(user.TeamId, user.Email, "password-reset", model, $"password-reset:{reset.Id}", SendNow: true), ct);
        return true;
    }
}

/// <summary>
/// An admin sends a member the same reset mail "Forgot your password?" sends (issue 12): the admin never sees or invents the
/// password. Only for active members of the admin's own team; 404 otherwise, like any id the admin may not see.
/// </summary>
internal sealed record SendMemberPasswordReset(Guid TeamId, Guid UserId, string LinkBase, Guid AdminId) : IRequest<bool>;

internal sealed class SendMemberPasswordResetHandler(IdentityDbContext db, IMediator mediator) : IRequestHandler<SendMemberPasswordReset, bool>
{
    public async ValueTask<bool> Handle(SendMemberPasswordReset request, CancellationToken ct)
    {
        var email = await db.Users.AsNoTracking().Where(u => u.Id == request.UserId && u.TeamId == request.TeamId && u.RemovedAt == null && u.IsActive)
            .Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (email is null) return false;
        var admin = await db.Users.AsNoTracking().Where(u => u.Id == request.AdminId && u.TeamId == request.TeamId).Select(u => u.DisplayName)
            .FirstOrDefaultAsync(ct);
        await mediator.Send(new RequestPasswordReset(email, request.LinkBase, Anonymous: false, SentBy: admin ?? "An admin"), ct);
        return true;
    }
}
