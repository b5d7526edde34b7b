using System.Net.Mail;
using System.Security.Claims;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.Invitations.External;
using TeamShare.Invitations.Mail;
using TeamShare.Policy.Contracts;
using Microsoft.Extensions.Logging;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.Invite;

internal sealed record RecipientRequest(string? Kind, Guid? Id, string? Email);

internal sealed record InviteRequest(IReadOnlyList<RecipientRequest>? Recipients, string? Role, int? ExternalExpiryDays, bool? AcknowledgeExternal,
    string? Message);

internal sealed record InvitedGrant(Guid InvitationId, Guid? GrantId, string Kind, Guid? Id, string? Email, string Role, DateTime? ExpiresAt);

internal sealed record ExternalLink(string Email, string Url);

internal sealed record InviteResponse(IReadOnlyList<InvitedGrant> Grants, IReadOnlyList<ExternalLink> ExternalLinks);

/// <summary>
/// POST /api/items/{id}/invitations (SH-1..SH-5, SH-9): one role for the batch, capped at the sender's level; outside
/// addresses only where policy allows, view-only, with an acknowledgement; invitations and their mails saved in one
/// transaction, then applied as grants.
/// </summary>
internal static class InviteEndpoint
{
    public static readonly int[] ExpiryChoices = [7, 30, 90];
    private const string NotARecipient = "Choose a member, a department, the whole organisation or an e-mail address.";

    public static async Task<IResult> Handle(Guid id, InviteRequest body, ClaimsPrincipal user, HttpRequest request, IMediator mediator,
        InvitationsDbContext db, InvitationApplier applier, ExternalLinks links, TimeProvider clock, IJobTrigger jobs,
        ILogger<InvitationsDbContext> log, CancellationToken ct)
    {
        var (senderId, teamId) = (user.GetUserId(), user.GetTeamId());
        if (body.Recipients is not { Count: > 0 and <= 50 }) return Problems.Field("recipients", "Add 1 to 50 recipients.");
        if (body.Role is not ("viewer" or "editor"))
            return Problems.Field("role", body.Role == "owner" ? "Nobody can be invited as owner; ownership moves only by transfer." : "Choose viewer or editor.");
        if (body.Message is { Length: > 2000 }) return Problems.Field("message", "Use at most 2000 characters.");

        var access = await mediator.Send(new GetItemAccess(senderId, teamId, id), ct);
        if (access is not { Role: > AccessRole.None, Item.InTrash: false }) return Problems.NotFound();
        // SH-5: a Viewer cannot share; an Editor grants Viewer or Editor; nobody grants more than they have.
        if (access.Role < AccessRole.Editor) return Problems.Status(403, "Not allowed", "Viewers cannot share. Ask the owner for Editor access.", "role_too_low");
        var role = body.Role == "editor" ? AccessRole.Editor : AccessRole.Viewer;

        // What each line of the batch asks for; then every recipient is checked in one question to Identity (SH-1).
        var asked = new List<(int Index, string Kind, Guid? Id, string? Email)>();
        foreach (var (r, index) in body.Recipients.Select((r, i) => (r, i)))
        {
            // {"recipients":[null]} is a recipient of no kind, refused like any other (issue 14: it was a 500).
            if (r is null) return Problems.Field($"recipients[{index}]", NotARecipient);
            switch (r.Kind)
            {
                case "user" or "department" when r.Id is not null:
                    asked.Add((index, r.Kind, r.Id, null));
                    break;
                case "organisation":
                    asked.Add((index, r.Kind, null, null));
                    break;
                // Checked with the parser that will send it too (MimeKit), so an address is refused now, not undeliverable later.
                case "external" when r.Email is { } email && MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Host.Contains('.')
                                     && MimeKit.MailboxAddress.TryParse(parsed.Address, out _):
                    asked.Add((index, r.Kind, null, parsed.Address));
                    break;
                default:
                    return Problems.Field($"recipients[{index}]", NotARecipient);
            }
        }
        var known = await mediator.Send(new ResolveRecipients(teamId,
            asked.Where(a => a.Kind != "external").Select(a => new RecipientRef(a.Kind, a.Id)).ToList(),
            asked.Where(a => a.Kind == "external").Select(a => a.Email!).ToList()), ct);
        var audiences = new Dictionary<RecipientRef, IReadOnlyList<AudienceMember>>(known.Audiences);
        var resolved = new List<(string Kind, Guid? Id, string? Email)>();
        foreach (var (index, kind, principal, email) in asked)
        {
            if (kind == "external")
            {
                // An address of a team member is that member, not an outsider.
                if (known.MembersByEmail.GetValueOrDefault(email!) is { } member)
                {
                    audiences[new RecipientRef("user", member.UserId)] = [member];
                    resolved.Add(("user", member.UserId, null));
                }
                else resolved.Add(("external", null, email));
            }
            else if (audiences.ContainsKey(new RecipientRef(kind, principal))) resolved.Add((kind, principal, null));
            else return Problems.Field($"recipients[{index}]", NotARecipient);
        }

        var externals = resolved.Where(r => r.Kind == "external").ToList();
        DateTime? externalExpiry = null;
        if (externals.Count > 0)
        {
            if (body.AcknowledgeExternal != true)
                return Problems.Field("acknowledgeExternal", "Tick \"I understand this share leaves my organisation\" to share outside.");
            var decisions = await mediator.Send(new CheckExternalRecipients(teamId, externals.Select(e => e.Email!).ToList(), InvitationsChannel.Name), ct);
            foreach (var external in externals)
                if (decisions[external.Email!] is { Allowed: false } denied)
                    return TypedResults.Problem(statusCode: 403, title: "Not allowed by your team's policy",
                        detail: $"Your team's policy does not allow sharing with {external.Email}.",
                        extensions: new Dictionary<string, object?> { ["reason"] = denied.Reason, ["email"] = external.Email });
            var days = body.ExternalExpiryDays ?? 30;
            if (!ExpiryChoices.Contains(days)) return Problems.Field("externalExpiryDays", "Choose 7, 30 or 90 days.");
            var cap = (await mediator.Send(new GetLinkPolicy(teamId), ct)).MaxExternalExpiryDays;
            if (days > cap) return Problems.Status(400, "Not allowed by your team's policy", $"Outside access can last at most {cap} days.", "expiry_too_long");
            externalExpiry = clock.GetUtcNow().UtcDateTime.AddDays(days);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var baseUrl = PublicAddress.ForMessages(request.HttpContext);
        var item = access.Item;
        var appLink = item.Kind == "folder" ? $"{baseUrl}/files?space={item.SpaceId}&folder={item.Id}" : $"{baseUrl}/items/{item.Id}";
        var invitations = new List<Invitation>();
        var externalLinks = new List<ExternalLink>();
        var mailed = new HashSet<Guid> { senderId };
        foreach (var (kind, principal, email) in resolved.Distinct())
        {
            var invitation = new Invitation
            {
                Id = Guid.CreateVersion7(), TeamId = teamId, ItemId = id, SenderId = senderId, RecipientKind = kind, RecipientId = principal,
                RecipientEmail = email, Role = (int)(kind == "external" ? AccessRole.Viewer : role), GrantId = Guid.CreateVersion7(),
                Message = body.Message, CreatedAt = now, ExternalExpiresAt = kind == "external" ? externalExpiry : null,
            };
            invitations.Add(invitation);
            db.Invitations.Add(invitation);
            var model = new Dictionary<string, string>
            {
                ["sender_name"] = user.Identity?.Name ?? "", ["item_name"] = item.Name, ["role"] = kind == "external" ? "viewer" : body.Role,
                ["message"] = body.Message ?? "",
            };
            if (kind == "external")
            {
                var url = $"{baseUrl}/x/{links.Sign(invitation.Id, invitation.Version, externalExpiry!.Value)}";
                externalLinks.Add(new ExternalLink(email!, url));
                // The outbox keeps no usable link (issue 14 finding 6): only its base; the dispatcher signs one when it sends.
                Queue(db, teamId, senderId, invitation, email!, "invitation-external",
                    new(model) { [ExternalLinks.BaseKey] = baseUrl, ["expires_at"] = externalExpiry.Value.ToString("yyyy-MM-dd HH:mm 'UTC'") }, now);
                continue;
            }
            // Every person the recipient stands for gets one mail (SH-9); a person reached twice in one batch gets one.
            foreach (var person in audiences[new RecipientRef(kind, principal)])
                if (mailed.Add(person.UserId))
                    Queue(db, teamId, senderId, invitation, person.Email, "invitation-internal",
                        new(model) { ["link"] = appLink, ["recipient_name"] = person.DisplayName }, now);
        }
        var activity = invitations.Select(i => new SharingActivityOccurred(teamId, senderId, "invitation_sent", id,
            i.RecipientEmail ?? $"{i.RecipientKind}:{i.RecipientId}", item.Name, now)).ToList();
        foreach (var a in activity) db.Stage(a, a.EventId, now);
        await db.SaveChangesAsync(ct);
        await applier.ApplyAsync(invitations, ct);
        jobs.Trigger(MailDispatchJob.Id);
        foreach (var a in activity) await db.PublishStagedAsync(mediator, log, a, a.EventId, ct);
        return TypedResults.Created($"/api/items/{id}/access", new InviteResponse(
            invitations.Select(i => new InvitedGrant(i.Id, i.IsExternal ? null : i.GrantId, i.RecipientKind, i.RecipientId, i.RecipientEmail,
                ((AccessRole)i.Role).ToString().ToLowerInvariant(), i.ExternalExpiresAt)).ToList(), externalLinks));
    }

    public static void Queue(InvitationsDbContext db, Guid teamId, Guid senderId, Invitation invitation, string to, string template,
        Dictionary<string, string> model, DateTime now) =>
        db.Outbox.Add(OutboxMail.Create(teamId, QueueMailHandler.MessageIdFor($"{template}:{invitation.Id}:{to}"), to, template,
            JsonSerializer.Serialize(model), now, senderId, invitation.Id));
}
