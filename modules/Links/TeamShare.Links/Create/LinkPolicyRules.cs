using TeamShare.SharedKernel.Http;
using TeamShare.Policy.Contracts;

namespace TeamShare.Links.Create;

/// <summary>
/// The team's link policy applied to a new or changed share (AD-3..AD-7): defaults filled in where the member gave none,
/// limits refused with the reason. Existing links are not re-judged when the policy changes (AD-11).
/// </summary>
internal static class LinkPolicyRules
{
    public sealed record Resolved(string Audience, DateTime? ExpiresAt, bool AllowEdit)
    {
        public bool TeamOnly => Audience != Audiences.Anyone;
        public bool InvitedOnly => Audience == Audiences.Invited;
    }

    /// <param name="unchangedAudience">When modifying a share without touching its audience: the audience it keeps.</param>
    public static (Resolved? Options, string? Field, string? Message, string? Reason) Apply(CreateLinkBody r, LinkPolicy p, DateTime now,
        string? unchangedAudience = null)
    {
        var defaultAudience = Audiences.All.Contains(p.DefaultAudience) ? p.DefaultAudience : Audiences.Anyone;
        // "teamOnly": true asks for a link restricted to the team; where the team's default is "invited", that is the one meant.
        var chosen = r.Audience ?? r.TeamOnly switch
        {
            true => defaultAudience == Audiences.Invited ? Audiences.Invited : Audiences.Team,
            false => Audiences.Anyone,
            null => null,
        };
        if (chosen is not null && chosen != defaultAudience && !p.MembersMayOverrideDefaults)
            return (null, r.Audience is not null ? "audience" : "teamOnly", "Your team's policy sets who a new link reaches; you cannot change it.", "audience_locked");
        var editDefault = p.DefaultPermission == "edit";
        if (r.AllowEdit is { } edit && p.DefaultPermission != "members_choose" && edit != editDefault && !p.MembersMayOverrideDefaults)
            return (null, "allowEdit", "Your team's policy sets whether links allow editing; you cannot change it.", "permission_locked");
        var allowEdit = r.AllowEdit ?? editDefault;

        // Where links may not reach outside, a link the member did not aim anywhere becomes a team link.
        var audience = chosen ?? unchangedAudience
            ?? (defaultAudience == Audiences.Anyone && !p.OutsideDecision.Allowed ? Audiences.Team : defaultAudience);
        if (audience != Audiences.Anyone) return (new Resolved(audience, r.ExpiresAt?.ToUniversalTime(), allowEdit), null, null, null);

        if (!p.OutsideDecision.Allowed)
            return (null, r.Audience is not null ? "audience" : "teamOnly", "Your team's admins do not allow links outside the team. Create a team-only link instead.",
                p.OutsideDecision.Reason);
        if (p.PasswordRequiredOutside && r.Password is null)
            return (null, "password", "Your team's policy requires a password on links outside the team.", "password_required");

        var expiresAt = r.ExpiresAt?.ToUniversalTime();
        if (p.MaxExternalExpiryDays is { } days)
        {
            var latest = now.AddDays(days);
            if (expiresAt is not null && !p.MembersMayChangeExpiry)
                return (null, "expiresAt", $"Your team's policy sets links outside the team to expire after {days} days; leave the expiry empty.", "expiry_locked");
            if (expiresAt > latest)
                return (null, "expiresAt", $"Links outside the team can last at most {days} days (until {latest:yyyy-MM-dd}).", "expiry_too_long");
            expiresAt ??= latest;
        }
        return (new Resolved(Audiences.Anyone, expiresAt, allowEdit), null, null, null);
    }

    /// <summary>A policy refusal: 400 with the reason and the field, so the form marks the field and says why.</summary>
    public static Outcome<T> Refusal<T>(string field, string message, string? reason) =>
        new(default, Refused.Invalid, "Not allowed by your team's policy", message, Reason: reason,
            Extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
