using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using TeamShare.Policy.Data;
using TeamShare.SharedKernel.Channels;
using TeamShare.SharedKernel.Localization;

namespace TeamShare.Policy.Activity;

/// <summary>
/// Issue 28: the audit log as a person reads it, in the reader's language: what a row is about by name (the link, the item,
/// the setting) and its details in words, never an id, an enum name or "item(s)". Rows keep their raw <c>details</c> for scripts.
/// </summary>
internal sealed partial class ActivityWords(IStringLocalizer<Ui> t, ISharingChannelRegistry channels)
{
    /// <summary>Each setting of <see cref="Settings.PolicySettings"/> as the sharing settings page labels it.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["ExternalSharingEnabled"] = "Allow sharing outside the team",
        ["EmailMode"] = "Sharing by e-mail",
        ["LinksOutsideTeamEnabled"] = "Allow links that reach people outside the team",
        ["DefaultLinkAudience"] = "Default audience of a new link",
        ["DefaultLinkPermission"] = "Default link permission",
        ["MembersMayOverrideLinkDefaults"] = "Members may change these defaults",
        ["MaxExternalLinkExpiryDays"] = "Outside links expire after at most (days)",
        ["MembersMayChangeExpiry"] = "Members may shorten or change the expiry",
        ["RequirePasswordForExternalLinks"] = "Require a password on outside links",
        ["LinkRestrictionsTeamWide"] = "Folders open through a link only for people who already have access",
        ["AllowExternalEditableFolders"] = "Members may accept editable folders shared from outside the team",
        ["RequireRecipientCode"] = "People outside the team confirm their address with a mailed code",
        ["WatermarkOutsidePages"] = "Mark document pages shown outside the team with who sees them",
        ["approved list"] = "Approved list",
    };

    /// <summary>The values settings take, as the settings page words them.</summary>
    private static readonly Dictionary<string, string> Values = new()
    {
        ["on"] = "on|setting", ["off"] = "off|setting", ["none"] = "no limit",
        ["anyone"] = "On (anyone): members share with any address", ["team_and_approved"] = "On (team + approved): team members and the approved list",
        ["team_only"] = "Off (team only)", ["team"] = "Team members", ["invited"] = "Only people with access",
        ["members_choose"] = "Members choose", ["edit"] = "Edit", ["view"] = "View only",
    };

    [GeneratedRegex(@"^(\d+) item\(s\)$")]
    private static partial Regex ItemCount();

    /// <summary>What a policy row's target (a setting, "channel:email", "approved list") is called on the settings page.</summary>
    public string Setting(string target) =>
        target.StartsWith("channel:", StringComparison.Ordinal)
            ? t["Channel: {0}", t[channels.Find(target["channel:".Length..])?.DisplayName ?? target["channel:".Length..]]]
            : Settings.TryGetValue(target, out var label) ? t[label] : target;

    /// <param name="itemNames">Names of the items link uses name, by id (the item gone: not there).</param>
    public string? Summary(ActivityEntry row, IReadOnlyDictionary<Guid, string> itemNames)
    {
        var details = row.Details;
        if (details is null) return null;
        switch (row.Kind)
        {
            case "link_created" when ItemCount().Match(details) is { Success: true } count:
                return t.Plural(int.Parse(count.Groups[1].Value), "{0} item", "{0} items");
            case "link_modified":
                return string.Join(", ", details.Split(", ").Select(field => t[field + "|changed"].Value));
            case "policy_changed" when details.Split(" → ") is [var before, var after]:
                return $"{Value(before)} → {Value(after)}";
            case "policy_changed" when details.StartsWith("added ", StringComparison.Ordinal):
                return t["added {0}", details["added ".Length..]];
            case "policy_changed" when details.StartsWith("removed ", StringComparison.Ordinal):
                return t["removed {0}", details["removed ".Length..]];
            case var kind when kind.StartsWith("link_", StringComparison.Ordinal) && Guid.TryParse(details, out var item):
                return itemNames.GetValueOrDefault(item) ?? t["(deleted item)"];
            default:
                return details;
        }
    }

    private string Value(string value) => Values.TryGetValue(value, out var label) ? t[label] : value;
}
