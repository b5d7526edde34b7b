using System.Security.Claims;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Host.Startup;

/// <summary>The member's navigation (ui.md) and the admin console's sections, in the order people meet them.</summary>
public static class Navigation
{
    public static readonly (string Href, string Label)[] ForMember =
    [
        ("/files", "My files"), ("/recent", "Recent"), ("/starred", "Starred"), ("/shared", "Shared with me"), ("/shares", "My Shares"), ("/trash", "Trash"),
    ];

    public static readonly (string Href, string Label, string Help)[] AdminSections =
    [
        ("/admin/members", "Members", "Add people, change roles, suspend or remove them."),
        ("/admin/departments", "Departments", "Groups whose access follows their membership."),
        ("/admin/spaces", "Team spaces", "Shared spaces and who may view or edit them."),
        ("/admin/storage", "Storage", "What each space takes, and the team's storage quota."),
        ("/admin/policy", "Sharing policy", "How far sharing may reach: outside sharing, e-mail, links, channels."),
        ("/admin/approved", "Approved list", "Addresses and domains members may share with."),
        ("/admin/links", "Link domain", "Your own domain for links and QR codes, proven by a DNS record; the daily share limit."),
        ("/admin/chat", "Team chat", "The chat webhook members post files and folders to."),
        ("/admin/activity", "Sharing activity", "Who shared what with whom; CSV export."),
        ("/admin/mail", "Mail delivery", "The team's mail: waiting, delayed or undeliverable, with the reason; when the sweeps last ran."),
    ];

    /// <summary>Shown to the team's owner only: how the team signs in is theirs to set.</summary>
    public static readonly (string Href, string Label, string Help)[] OwnerSections =
    [
        ("/admin/sso", "Single sign-on", "Your company's identity provider and e-mail domains: people sign in with it."),
        ("/admin/directory", "Directory", "Your LDAP directory: its people become members and its groups departments, every hour."),
    ];

    /// <summary>The console's sections this person may open.</summary>
    public static IEnumerable<(string Href, string Label, string Help)> ConsoleFor(ClaimsPrincipal user, IEnumerable<string> operators) =>
        AdminSections.Concat(user.GetTeamRole() == "owner" ? OwnerSections : []).Concat(user.IsOperator(operators) ? OperatorSections : []);

    /// <summary>Shown to the server's operators only: it acts on every team.</summary>
    public static readonly (string Href, string Label, string Help)[] OperatorSections =
    [
        ("/admin/jobs", "Background jobs", "Server-wide: expiry sweeps, trash purge and mail delivery of every team."),
    ];
}
