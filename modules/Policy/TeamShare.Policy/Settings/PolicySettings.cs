using TeamShare.Policy.Data;

namespace TeamShare.Policy.Settings;

internal sealed record ChannelState(string Name, string DisplayName, string PolicySwitch, string CanShare, bool IsActive, bool Enabled);

/// <summary>The settings of product.md section 5 as the API shows and takes them.</summary>
internal sealed record PolicySettings(
    bool ExternalSharingEnabled, string EmailMode, bool LinksOutsideTeamEnabled, string DefaultLinkAudience,
    string DefaultLinkPermission, bool MembersMayOverrideLinkDefaults, int? MaxExternalLinkExpiryDays, bool MembersMayChangeExpiry,
    bool RequirePasswordForExternalLinks, bool LinkRestrictionsTeamWide, bool AllowExternalEditableFolders,
    bool? RequireRecipientCode = null, bool? WatermarkOutsidePages = null)
{
    public static PolicySettings From(TeamPolicy p) =>
        new(p.ExternalSharingEnabled, p.EmailMode, p.LinksOutsideTeamEnabled, p.DefaultLinkAudience, p.DefaultLinkPermission,
            p.MembersMayOverrideLinkDefaults, p.MaxExternalLinkExpiryDays, p.MembersMayChangeExpiry, p.RequirePasswordForExternalLinks,
            p.LinkRestrictionsTeamWide, p.AllowExternalEditableFolders, p.RequireRecipientCode, p.WatermarkOutsidePages);

    public void ApplyTo(TeamPolicy p)
    {
        p.ExternalSharingEnabled = ExternalSharingEnabled;
        p.EmailMode = EmailMode;
        p.LinksOutsideTeamEnabled = LinksOutsideTeamEnabled;
        p.DefaultLinkAudience = DefaultLinkAudience;
        p.DefaultLinkPermission = DefaultLinkPermission;
        p.MembersMayOverrideLinkDefaults = MembersMayOverrideLinkDefaults;
        p.MaxExternalLinkExpiryDays = MaxExternalLinkExpiryDays;
        p.MembersMayChangeExpiry = MembersMayChangeExpiry;
        p.RequirePasswordForExternalLinks = RequirePasswordForExternalLinks;
        p.LinkRestrictionsTeamWide = LinkRestrictionsTeamWide;
        p.AllowExternalEditableFolders = AllowExternalEditableFolders;
        // Left out of a request (a script written before issue 11), it stays as it was rather than turning the codes off.
        if (RequireRecipientCode is { } code) p.RequireRecipientCode = code;
        if (WatermarkOutsidePages is { } mark) p.WatermarkOutsidePages = mark;
    }

    public Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailModes.All.Contains(EmailMode)) errors["emailMode"] = [$"Choose one of: {string.Join(", ", EmailModes.All)}."];
        if (!LinkAudiences.All.Contains(DefaultLinkAudience)) errors["defaultLinkAudience"] = [$"Choose one of: {string.Join(", ", LinkAudiences.All)}."];
        if (!LinkPermissions.All.Contains(DefaultLinkPermission)) errors["defaultLinkPermission"] = [$"Choose one of: {string.Join(", ", LinkPermissions.All)}."];
        if (MaxExternalLinkExpiryDays is < 1 or > 3650) errors["maxExternalLinkExpiryDays"] = ["Enter 1 to 3650 days, or nothing for no limit."];
        return errors;
    }

    /// <summary>Each setting that differs, as (name, before, after), for the change record.</summary>
    public static IEnumerable<(string Setting, string Before, string After)> Differences(PolicySettings before, PolicySettings after) =>
        typeof(PolicySettings).GetProperties()
            .Select(p => (p.Name, Before: Show(p.GetValue(before)), After: Show(p.GetValue(after))))
            .Where(d => d.Before != d.After);

    private static string Show(object? value) => value switch { null => "none", bool b => b ? "on" : "off", _ => value.ToString()! };
}
