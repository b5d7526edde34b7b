using TeamShare.Links.Create;
using TeamShare.Policy.Contracts;

namespace TeamShare.UnitTests;

/// <summary>AD-3..AD-7 applied to a new link.</summary>
public sealed class LinkPolicyRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static LinkPolicy Policy(bool outside = true, string audience = "anyone", bool mayOverride = true, int? maxDays = null,
        bool mayChangeExpiry = true, bool password = false) =>
        new(outside ? PolicyDecision.Allow : PolicyDecision.Deny(PolicyReasons.LinksOutsideTeamOff), audience, "members_choose",
            mayOverride, maxDays, mayChangeExpiry, password, false);

    private static CreateLinkBody Request(bool? teamOnly = null, DateTime? expires = null, string? audience = null) =>
        new([Guid.NewGuid()], TeamOnly: teamOnly, ExpiresAt: expires, Audience: audience);

    [Fact]
    public void AD3_links_outside_the_team_off_refuses_outside_links_but_not_team_links()
    {
        Assert.Equal(PolicyReasons.LinksOutsideTeamOff, LinkPolicyRules.Apply(Request(teamOnly: false), Policy(outside: false), Now).Reason);
        Assert.True(LinkPolicyRules.Apply(Request(), Policy(outside: false), Now).Options!.TeamOnly);
        Assert.True(LinkPolicyRules.Apply(Request(teamOnly: true), Policy(outside: false), Now).Options!.TeamOnly);
    }

    [Fact]
    public void AD4_the_default_audience_fills_in_and_may_be_locked()
    {
        Assert.True(LinkPolicyRules.Apply(Request(), Policy(audience: "team"), Now).Options!.TeamOnly);
        Assert.False(LinkPolicyRules.Apply(Request(teamOnly: false), Policy(audience: "team"), Now).Options!.TeamOnly);
        Assert.Equal("audience_locked", LinkPolicyRules.Apply(Request(teamOnly: false), Policy(audience: "team", mayOverride: false), Now).Reason);
    }

    [Theory]
    [InlineData("invited", null, null, true, "invited")]
    [InlineData("invited", true, null, false, "invited")]
    [InlineData("team", null, "invited", true, "invited")]
    [InlineData("anyone", null, "invited", true, "invited")]
    [InlineData("invited", null, "anyone", true, "anyone")]
    [InlineData("invited", null, "team", false, null)]
    [InlineData("invited", false, null, false, null)]
    public void AD4_only_invited_people_is_an_audience_of_its_own(string defaultAudience, bool? teamOnly, string? audience, bool mayOverride,
        string? expected)
    {
        var (options, field, _, reason) = LinkPolicyRules.Apply(Request(teamOnly, audience: audience), Policy(audience: defaultAudience, mayOverride: mayOverride), Now);
        Assert.Equal(expected, options?.Audience);
        Assert.Equal(expected == "invited", options?.InvitedOnly ?? false);
        if (expected is null)
        {
            Assert.Equal("audience_locked", reason);
            Assert.Equal(audience is null ? "teamOnly" : "audience", field);
        }
    }

    [Fact]
    public void AD11_a_modified_link_keeps_its_audience_without_being_judged_by_a_later_default()
    {
        var locked = Policy(audience: "anyone", mayOverride: false);
        Assert.Equal("invited", LinkPolicyRules.Apply(Request(), locked, Now, unchangedAudience: "invited").Options!.Audience);
        Assert.Equal("audience_locked", LinkPolicyRules.Apply(Request(audience: "team"), locked, Now, unchangedAudience: "invited").Reason);
    }

    [Fact]
    public void AD6_the_maximum_expiry_fills_in_refuses_longer_and_may_be_locked()
    {
        Assert.Equal(Now.AddDays(7), LinkPolicyRules.Apply(Request(), Policy(maxDays: 7), Now).Options!.ExpiresAt);
        Assert.Equal("expiry_too_long", LinkPolicyRules.Apply(Request(expires: Now.AddDays(8)), Policy(maxDays: 7), Now).Reason);
        Assert.Equal(Now.AddDays(3), LinkPolicyRules.Apply(Request(expires: Now.AddDays(3)), Policy(maxDays: 7), Now).Options!.ExpiresAt);
        Assert.Equal("expiry_locked", LinkPolicyRules.Apply(Request(expires: Now.AddDays(3)), Policy(maxDays: 7, mayChangeExpiry: false), Now).Reason);
        Assert.Null(LinkPolicyRules.Apply(Request(teamOnly: true), Policy(maxDays: 7), Now).Options!.ExpiresAt);
    }

    [Fact]
    public void AD7_a_required_password_is_enforced_for_outside_links_only()
    {
        Assert.Equal("password_required", LinkPolicyRules.Apply(Request(), Policy(password: true), Now).Reason);
        Assert.NotNull(LinkPolicyRules.Apply(Request(teamOnly: true), Policy(password: true), Now).Options);
    }
}
