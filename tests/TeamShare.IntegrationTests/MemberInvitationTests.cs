using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Invitations.Mail;

namespace TeamShare.IntegrationTests;

/// <summary>
/// ID-2 and issue 14 finding 11: team admins add people by e-mail invitation (real SMTP); the account exists only once the
/// person accepts, so no team can hold another organisation's address or learn whether another team has it.
/// </summary>
public sealed partial class MemberInvitationTests() : WithMailServer(startSmtp: true)
{
    [GeneratedRegex(@"https?://[^\s""<>]+/join\?token=(tsj_[A-Za-z0-9_\-]+)")]
    private static partial Regex JoinLink();

    private async Task<string> MailedTokenAsync(string email)
    {
        await DispatchAsync();
        return JoinLink().Match(Assert.Single(_smtp.MessagesTo(email))).Groups[1].Value;
    }

    [Fact]
    public async Task ID2_an_admin_invites_by_mail_and_the_account_exists_only_once_the_person_accepts()
    {
        var adam = await _factory.ClientForAsync("adam@acme.test");
        var email = $"invitee-{Guid.NewGuid():N}@example.org";
        var invited = await adam.PostAsJsonAsync("/api/admin/members", new { email, displayName = "Ivy Invitee", role = "member" });
        Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        Assert.Equal("invited", (await invited.Json()).GetProperty("status").GetString());
        Assert.Contains(email, await adam.GetStringAsync("/api/admin/members/invitations"));
        Assert.DoesNotContain(email, await adam.GetStringAsync("/api/admin/members"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().PostAsJsonAsync("/api/auth/tokens", new { email, password = TeamShareFactory.Password, name = "x" })).StatusCode);

        // Team admins no longer set passwords: that would make an account for an address nobody proved they own.
        var withPassword = await adam.PostAsJsonAsync("/api/admin/members", new { email = $"direct-{Guid.NewGuid():N}@example.org", displayName = "D", password = "long-enough-1" });
        Assert.Equal(HttpStatusCode.BadRequest, withPassword.StatusCode);
        Assert.True((await withPassword.Json()).GetProperty("errors").TryGetProperty("password", out _));

        var model = (string)(await _factory.SqlAsync("""SELECT "ModelJson" FROM "invitations_outbox" WHERE "Template" = 'member-invitation'"""))!;
        Assert.DoesNotContain("tsj_", model);
        var token = await MailedTokenAsync(email);
        Assert.Contains("Acme", _smtp.MessagesTo(email)[0]);

        // The link's page says who invites whom to which team.
        var browser = _factory.Client();
        var page = await browser.GetStringAsync($"/join?token={token}");
        Assert.Contains("Join Acme", page);
        Assert.Contains("Ivy Invitee", page);
        var weak = await _factory.Anonymous().PostAsJsonAsync("/api/auth/join", new { token, password = "short" });
        Assert.True((await weak.Json()).GetProperty("errors").TryGetProperty("password", out _));

        // Accepting on the page signs the person in.
        var joined = await browser.PostAsync("/join", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Token"] = token, ["password"] = "my-own-Password-7", ["repeatPassword"] = "my-own-Password-7", ["__RequestVerificationToken"] = Browsers.FormToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var me = await (await browser.GetAsync("/api/me")).Json();
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Contains(email, await adam.GetStringAsync("/api/admin/members"));
        Assert.DoesNotContain(email, await adam.GetStringAsync("/api/admin/members/invitations"));
        var again = await _factory.Anonymous().PostAsJsonAsync("/api/auth/join", new { token, password = "my-own-Password-7" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task ID1_ID2_inviting_another_teams_address_answers_like_any_other_and_takes_nothing_from_that_team()
    {
        var adam = await _factory.ClientForAsync("adam@acme.test");
        var stranger = await adam.PostAsJsonAsync("/api/admin/members", new { email = $"nobody-{Guid.NewGuid():N}@globex.test", displayName = "Nobody" });
        var gary = await adam.PostAsJsonAsync("/api/admin/members", new { email = "gary@globex.test", displayName = "Gary" });
        Assert.Equal(stranger.StatusCode, gary.StatusCode);
        Assert.Equal((await stranger.Json()).GetProperty("status").GetString(), (await gary.Json()).GetProperty("status").GetString());
        // Only this team's own members are refused, which the admin sees in the member list anyway.
        Assert.Equal(HttpStatusCode.Conflict, (await adam.PostAsJsonAsync("/api/admin/members", new { email = "mia@acme.test", displayName = "Mia" })).StatusCode);

        // The invitation cannot move Gary: his address belongs to Globex, and he is told so (he owns the mailbox).
        var token = await MailedTokenAsync("gary@globex.test");
        var join = await _factory.Anonymous().PostAsJsonAsync("/api/auth/join", new { token, password = "takeover-Password-1" });
        Assert.Equal(HttpStatusCode.Conflict, join.StatusCode);
        var garyClient = await _factory.ClientForAsync("gary@globex.test");
        Assert.Contains("Globex", await garyClient.GetStringAsync("/api/me"));

        // A canceled invitation's link stops working.
        var email = $"canceled-{Guid.NewGuid():N}@example.org";
        var id = (await (await adam.PostAsJsonAsync("/api/admin/members", new { email, displayName = "Cal Canceled" })).Json()).Id();
        Assert.Equal(HttpStatusCode.NoContent, (await adam.DeleteAsync($"/api/admin/members/invitations/{id}")).StatusCode);
        using (var scope = _factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<MailDispatchJob>().RunAsync(CancellationToken.None);
        Assert.Empty(_smtp.MessagesTo(email));
        Assert.Equal(HttpStatusCode.NotFound, (await (await _factory.ClientForAsync("gary@globex.test")).DeleteAsync($"/api/admin/members/invitations/{id}")).StatusCode);
    }
}
