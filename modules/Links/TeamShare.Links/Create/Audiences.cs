namespace TeamShare.Links.Create;

/// <summary>Who a link opens for (AD-4): anyone with it, signed-in team members, or only people who already have access.</summary>
internal static class Audiences
{
    public const string Anyone = "anyone", Team = "team", Invited = "invited";
    public static readonly string[] All = [Anyone, Team, Invited];

    public static string Of(Data.Link s) => s.InvitedOnly ? Invited : s.TeamOnly ? Team : Anyone;
}
