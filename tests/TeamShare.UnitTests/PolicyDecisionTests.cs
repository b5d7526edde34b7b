using TeamShare.Policy.Contracts;
using TeamShare.Policy.Data;
using TeamShare.Policy.Decisions;

namespace TeamShare.UnitTests;

/// <summary>Every setting and mode of section 5 against the decisions other modules ask for.</summary>
public sealed class PolicyDecisionTests
{
    public static TheoryData<bool, string, bool, bool, string?> ExternalRecipientCases => new()
    {
        // external sharing, e-mail mode, channel on, address approved → reason (null = allowed)
        { true, EmailModes.Anyone, true, false, null },
        { true, EmailModes.Anyone, true, true, null },
        { true, EmailModes.TeamAndApproved, true, true, null },
        { true, EmailModes.TeamAndApproved, true, false, PolicyReasons.NotApproved },
        { true, EmailModes.TeamOnly, true, true, PolicyReasons.EmailTeamOnly },
        { true, EmailModes.TeamOnly, true, false, PolicyReasons.EmailTeamOnly },
        { true, EmailModes.Anyone, false, true, PolicyReasons.ChannelOff },
        { false, EmailModes.Anyone, true, true, PolicyReasons.ExternalSharingOff },
        { false, EmailModes.TeamOnly, false, false, PolicyReasons.ExternalSharingOff },
    };

    [Theory]
    [MemberData(nameof(ExternalRecipientCases))]
    public void AD1_AD2_AD10_sharing_with_an_outside_address(bool external, string mode, bool channelOn, bool approved, string? reason)
    {
        var policy = new TeamPolicy { ExternalSharingEnabled = external, EmailMode = mode };
        var decision = Decide.ExternalRecipient(policy, channelOn, approved);
        Assert.Equal(reason is null, decision.Allowed);
        Assert.Equal(reason, decision.Reason);
    }

    [Theory]
    [InlineData(true, true, true, null)]
    [InlineData(true, false, true, PolicyReasons.LinksOutsideTeamOff)]
    [InlineData(false, true, true, PolicyReasons.ExternalSharingOff)]
    [InlineData(true, true, false, PolicyReasons.ChannelOff)]
    public void AD1_AD3_AD10_creating_a_link_for_outsiders(bool external, bool linksOutside, bool channelOn, string? reason)
    {
        var policy = new TeamPolicy { ExternalSharingEnabled = external, LinksOutsideTeamEnabled = linksOutside };
        Assert.Equal(reason, Decide.CreateOutsideLink(policy, channelOn).Reason);
        Assert.Equal(reason, Decide.Links(policy, channelOn).OutsideDecision.Reason);
    }

    [Theory]
    [InlineData(true, true, null)]
    [InlineData(true, false, PolicyReasons.LinksOutsideTeamOff)]
    [InlineData(false, true, PolicyReasons.ExternalSharingOff)]
    public void AD11_opening_from_outside_follows_only_the_retroactive_switches(bool external, bool linksOutside, string? reason)
    {
        // E-mail mode, channel switches and link defaults never close an existing link: only AD-1 and AD-3 do.
        var policy = new TeamPolicy
        {
            ExternalSharingEnabled = external, LinksOutsideTeamEnabled = linksOutside, EmailMode = EmailModes.TeamOnly,
            RequirePasswordForExternalLinks = true, MaxExternalLinkExpiryDays = 1,
        };
        Assert.Equal(reason, Decide.OpenFromOutside(policy).Reason);
    }

    [Fact]
    public void AD4_to_AD8_the_defaults_are_safe_and_useful()
    {
        var defaults = Decide.Links(new TeamPolicy(), channelOn: true);
        Assert.True(defaults.OutsideDecision.Allowed);
        Assert.Equal("anyone", defaults.DefaultAudience);
        Assert.Equal("members_choose", defaults.DefaultPermission);
        Assert.True(defaults.MembersMayOverrideDefaults);
        Assert.Null(defaults.MaxExternalExpiryDays);
        Assert.False(defaults.PasswordRequiredOutside);
        Assert.False(defaults.LinkRestrictionsTeamWide);
        Assert.Equal(EmailModes.TeamAndApproved, new TeamPolicy().EmailMode);
    }
}
