using TeamShare.Policy.Contracts;

namespace TeamShare.Links.CreateShare;

/// <summary>
/// The team's link policy applied to a new or changed share (AD-3..AD-7): defaults filled in where the member gave none,
/// limits refused with the reason. Existing links are not re-judged when the policy changes (AD-11).
/// </summary>
internal static class LinkPolicyRules
{
    public sealed record Resolved(bool TeamOnly, DateTime? ExpiresAt, bool AllowEdit);

    public static (Resolved? Options, string? Field, string? Message, string? Reason) Apply(CreateShareRequest r, LinkPolicy p, DateTime now)
    {
        var audienceDefaultTeam = p.DefaultAudience is "team" or "invited";
        if (r.TeamOnly is { } chosen && chosen != audienceDefaultTeam && !p.MembersMayOverrideDefaults)
            return (null, "teamOnly", "Your team's policy sets who a new link reaches; you cannot change it.", "audience_locked");
        var editDefault = p.DefaultPermission == "edit";
        if (r.AllowEdit is { } edit && p.DefaultPermission != "members_choose" && edit != editDefault && !p.MembersMayOverrideDefaults)
            return (null, "allowEdit", "Your team's policy sets whether links allow editing; you cannot change it.", "permission_locked");
        var allowEdit = r.AllowEdit ?? editDefault;

        // Where links may not reach outside, a link the member did not aim anywhere becomes a team link.
        var teamOnly = r.TeamOnly ?? (audienceDefaultTeam || !p.OutsideDecision.Allowed);
        if (teamOnly) return (new Resolved(true, r.ExpiresAt?.ToUniversalTime(), allowEdit), null, null, null);

        if (!p.OutsideDecision.Allowed)
            return (null, "teamOnly", "Your team's admins do not allow links outside the team. Create a team-only link instead.",
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
        return (new Resolved(false, expiresAt, allowEdit), null, null, null);
    }
}
