using TeamShare.SharedKernel.Localization;
using Mediator;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.Invitations.External;
using TeamShare.Invitations.Mail;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Text;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.Invite;

internal sealed record RecipientRequest(string? Kind, Guid? Id, string? Email);

internal sealed record InviteRequest(IReadOnlyList<RecipientRequest>? Recipients, string? Role, int? ExternalExpiryDays, bool? AcknowledgeExternal,
    string? Message);

internal sealed record InvitedGrant(Guid InvitationId, Guid? GrantId, string Kind, Guid? Id, string? Email, string Role, DateTime? ExpiresAt);

internal sealed record ExternalLink(string Email, string Url);

internal sealed record InviteResponse(IReadOnlyList<InvitedGrant> Grants, IReadOnlyList<ExternalLink> ExternalLinks);

/// <summary>
/// SH-1..SH-5, SH-9: one role for the batch, capped at the sender's level; outside addresses only where policy allows,
/// view-only, with an acknowledgement; invitations and their mails saved in one transaction, then applied as grants.
/// <paramref name="BaseUrl"/> is where the app is reached (the links in the mails).
/// </summary>
internal sealed record InviteRecipients(Guid SenderId, Guid TeamId, string SenderName, Guid ItemId, InviteRequest Body, string BaseUrl)
    : IRequest<Outcome<InviteResponse>>
{
    public static readonly int[] ExpiryChoices = [7, 30, 90];
}

internal sealed class InviteRecipientsHandler(IMediator mediator, InvitationsDbContext db, InvitationApplier applier, ExternalLinks links,
    TimeProvider clock, IJobTrigger jobs, StagedNotifications staged) : IRequestHandler<InviteRecipients, Outcome<InviteResponse>>
{
    private sealed record Resolved(string Kind, Guid? Id, string? Email);

    public async ValueTask<Outcome<InviteResponse>> Handle(InviteRecipients request, CancellationToken ct)
    {
        var body = request.Body;
        var asked = InviteValidator.Validate(body, out var invalid);
        if (invalid is not null) return invalid.As<InviteResponse>();

        var access = await mediator.Send(new GetItemAccess(request.SenderId, request.TeamId, request.ItemId), ct);
        if (access is not { Role: > AccessRole.None, Item.InTrash: false }) return Outcome<InviteResponse>.NotFound();
        // SH-5: a Viewer cannot share; an Editor grants Viewer or Editor; nobody grants more than they have.
        if (access.Role < AccessRole.Editor) return Outcome<InviteResponse>.Forbidden("Viewers cannot share. Ask the owner for Editor access.", "role_too_low");

        var (resolved, audiences, unknown) = await ResolveAsync(request.TeamId, asked, ct);
        if (unknown is not null) return unknown.As<InviteResponse>();
        var (externalExpiry, refused) = await CheckExternalsAsync(request, resolved, ct);
        if (refused is not null) return refused.As<InviteResponse>();

        var mailing = await MailingAsync(request, resolved, audiences, ct);
        var (invitations, externalLinks) = Stage(request, access.Item, resolved, audiences, externalExpiry, mailing);
        var now = clock.GetUtcNow().UtcDateTime;
        // One notification for the batch: the activity log writes its rows in one statement (issue 24.5).
        var activity = new SharingActivitiesOccurred(invitations.Select(i => new SharingActivityOccurred(request.TeamId, request.SenderId,
            "invitation_sent", request.ItemId, i.RecipientEmail ?? $"{i.RecipientKind}:{i.RecipientId}", access.Item.Name, now)).ToList());
        staged.Stage(db, activity, Guid.CreateVersion7(), now);
        await db.SaveChangesAsync(ct);
        await applier.ApplyAsync(invitations, ct);
        jobs.Trigger(MailDispatchJob.Id);
        return Outcome<InviteResponse>.Success(new InviteResponse(
            invitations.Select(i => new InvitedGrant(i.Id, i.IsExternal ? null : i.GrantId, i.RecipientKind, i.RecipientId, i.RecipientEmail,
                ((AccessRole)i.Role).ToString().ToLowerInvariant(), i.ExternalExpiresAt)).ToList(), externalLinks));
    }

    /// <summary>Every recipient checked in one question to Identity (SH-1); an outside address of a member is that member.</summary>
    private async Task<(List<Resolved> Resolved, Dictionary<RecipientRef, IReadOnlyList<AudienceMember>> Audiences, Outcome<Unit>? Problem)> ResolveAsync(
        Guid teamId, IReadOnlyList<InviteValidator.Asked> asked, CancellationToken ct)
    {
        var known = await mediator.Send(new ResolveRecipients(teamId,
            asked.Where(a => a.Kind != "external").Select(a => new RecipientRef(a.Kind, a.Id)).ToList(),
            asked.Where(a => a.Kind == "external").Select(a => a.Email!).ToList()), ct);
        var audiences = new Dictionary<RecipientRef, IReadOnlyList<AudienceMember>>(known.Audiences);
        var resolved = new List<Resolved>();
        foreach (var (index, kind, principal, email) in asked)
        {
            if (kind == "external" && known.MembersByEmail.GetValueOrDefault(email!) is { } member)
            {
                audiences[new RecipientRef("user", member.UserId)] = [member];
                resolved.Add(new("user", member.UserId, null));
            }
            else if (kind == "external") resolved.Add(new("external", null, email));
            else if (audiences.ContainsKey(new RecipientRef(kind, principal))) resolved.Add(new(kind, principal, null));
            else return ([], audiences, Outcome<Unit>.Invalid($"recipients[{index}]", InviteValidator.NotARecipient));
        }
        return (resolved, audiences, null);
    }

    /// <summary>SH-4, AD-2, AD-6: outside addresses need the acknowledgement, the policy's yes and an expiry within its cap.</summary>
    private async Task<(DateTime? Expiry, Outcome<Unit>? Problem)> CheckExternalsAsync(InviteRecipients request, List<Resolved> resolved, CancellationToken ct)
    {
        var externals = resolved.Where(r => r.Kind == "external").Select(r => r.Email!).ToList();
        if (externals.Count == 0) return (null, null);
        var body = request.Body;
        if (body.AcknowledgeExternal != true)
            return (null, Outcome<Unit>.Invalid("acknowledgeExternal", "Tick \"I understand this share leaves my organisation\" to share outside."));
        var decisions = await mediator.Send(new CheckExternalRecipients(request.TeamId, externals, InvitationsChannel.Name), ct);
        if (externals.FirstOrDefault(e => !decisions[e].Allowed) is { } denied)
            return (null, new Outcome<Unit>(default, Refused.Forbidden, "Not allowed by your team's policy", $"Your team's policy does not allow sharing with {denied}.",
                Reason: decisions[denied].Reason, Extensions: new Dictionary<string, object?> { ["email"] = denied }));
        var days = body.ExternalExpiryDays ?? 30;
        if (!InviteRecipients.ExpiryChoices.Contains(days)) return (null, Outcome<Unit>.Invalid("externalExpiryDays", "Choose 7, 30 or 90 days."));
        var cap = (await mediator.Send(new GetLinkPolicy(request.TeamId), ct)).MaxExternalExpiryDays;
        if (days > cap)
            return (null, Outcome<Unit>.Fail(Refused.Invalid, "Not allowed by your team's policy", $"Outside access can last at most {cap} days.", "expiry_too_long"));
        return (clock.GetUtcNow().UtcDateTime.AddDays(days), null);
    }

    /// <summary>
    /// Issue 28: the zone an outside recipient's mail gives the end of their access in (the sender's: the one they chose it in),
    /// and the members who turned off mails about what is shared with them.
    /// </summary>
    private async Task<Mailing> MailingAsync(InviteRecipients request, List<Resolved> resolved,
        Dictionary<RecipientRef, IReadOnlyList<AudienceMember>> audiences, CancellationToken ct)
    {
        var zone = TimeZones.Utc;
        if (resolved.Any(r => r.Kind == "external")
            && (await mediator.Send(new GetUserContacts(request.TeamId, [request.SenderId]), ct)).GetValueOrDefault(request.SenderId) is { } sender)
            zone = sender.TimeZone;
        var members = resolved.Where(r => r.Kind != "external").SelectMany(r => audiences[new RecipientRef(r.Kind, r.Id)]).Select(p => p.UserId).ToList();
        return new Mailing(zone, await MailSwitches.SilencedAsync(db, members, "invitation-internal", ct));
    }

    private sealed record Mailing(string SenderZone, HashSet<Guid> Silenced);

    /// <summary>The invitations and their mails, added to the unit of work: one mail per person reached (SH-9).</summary>
    private (List<Invitation> Invitations, List<ExternalLink> Links) Stage(InviteRecipients request, ItemSummary item, List<Resolved> resolved,
        Dictionary<RecipientRef, IReadOnlyList<AudienceMember>> audiences, DateTime? externalExpiry, Mailing mailing)
    {
        var (body, baseUrl, now) = (request.Body, request.BaseUrl, clock.GetUtcNow().UtcDateTime);
        var role = body.Role == "editor" ? AccessRole.Editor : AccessRole.Viewer;
        var appLink = item.Kind == "folder" ? $"{baseUrl}/files?space={item.SpaceId}&folder={item.Id}" : $"{baseUrl}/items/{item.Id}";
        var invitations = new List<Invitation>();
        var externalLinks = new List<ExternalLink>();
        var mailed = new HashSet<Guid> { request.SenderId };
        foreach (var (kind, principal, email) in resolved.Distinct())
        {
            var invitation = new Invitation
            {
                Id = Guid.CreateVersion7(), TeamId = request.TeamId, ItemId = item.Id, SenderId = request.SenderId, RecipientKind = kind,
                RecipientId = principal, RecipientEmail = email, Role = (int)(kind == "external" ? AccessRole.Viewer : role),
                GrantId = Guid.CreateVersion7(), Message = body.Message, CreatedAt = now, ExternalExpiresAt = kind == "external" ? externalExpiry : null,
                // An outside recipient's access is the invitation itself (no grant to apply): it is applied as it is saved.
                AppliedAt = kind == "external" ? now : null,
            };
            invitations.Add(invitation);
            db.Invitations.Add(invitation);
            var model = new Dictionary<string, string>
            {
                ["sender_name"] = request.SenderName, ["item_name"] = item.Name, ["role"] = kind == "external" ? "viewer" : body.Role!,
                ["message"] = body.Message ?? "",
                // Issue 11: the mail goes out in the language the sender works in (a template per language).
                [Cultures.MailKey] = Cultures.Current,
            };
            if (kind == "external")
            {
                externalLinks.Add(new ExternalLink(email!, $"{baseUrl}/x/{links.Sign(invitation.Id, invitation.Version, externalExpiry!.Value)}"));
                // The outbox keeps no usable link (issue 14 finding 6): only its base; the dispatcher signs one when it sends.
                InvitationMails.Queue(db, request.TeamId, request.SenderId, invitation, email!, "invitation-external",
                    new(model) { [ExternalLinks.BaseKey] = baseUrl, ["expires_at"] = TimeZones.Format(externalExpiry.Value, mailing.SenderZone) }, now);
                continue;
            }
            foreach (var person in audiences[new RecipientRef(kind, principal)])
                if (mailed.Add(person.UserId) && !mailing.Silenced.Contains(person.UserId))
                    InvitationMails.Queue(db, request.TeamId, request.SenderId, invitation, person.Email, "invitation-internal",
                        new(model) { ["link"] = appLink, ["recipient_name"] = person.DisplayName }, now);
        }
        return (invitations, externalLinks);
    }
}
