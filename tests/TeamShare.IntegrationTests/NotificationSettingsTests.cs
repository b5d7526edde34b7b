using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Invitations.Invite;
using TeamShare.Links.Jobs;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 28 with a real SMTP server: a member turns mails off on their notifications page (or the API) and those mails stop,
/// while the others keep coming; mails give times in the member's zone, which a sign-in takes from the browser.
/// </summary>
public sealed class NotificationSettingsTests() : WithMailServer(startSmtp: true)
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private Task<string> MemberAsync() => _factory.NewMemberAsync("notified", "Nora Notified");

    private async Task RunAsync<TJob>() where TJob : TeamShare.SharedKernel.Jobs.IRecurringJob
    {
        using (var scope = _factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(CancellationToken.None);
        await DispatchAsync();
    }

    [Fact]
    public async Task Issue28_a_member_turns_mails_off_on_the_notifications_page_and_the_api_and_only_those_stop()
    {
        _factory.Clock.Restart();
        await _factory.AllowAnyoneByEmailAsync();
        var email = await MemberAsync();
        var nora = await _factory.ClientForAsync(email);
        var noraId = await nora.UserIdAsync();
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var miaSpace = (await mia.PersonalSpace()).Id();

        var choices = await (await nora.GetAsync("/api/me/notifications")).Json();
        foreach (var field in new[] { "sharedWithMe", "expiryReminders", "linksExpired", "linkNotices" })
            Assert.True(choices.GetProperty(field).GetBoolean(), field);
        var partial = await nora.PutAsJsonAsync("/api/me/notifications", new { sharedWithMe = false, expiryReminders = true, linksExpired = true });
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.True((await partial.Json()).GetProperty("errors").TryGetProperty("linkNotices", out _));

        // The page: a switch left off is not posted, so posting three of four turns "someone shares with me" off.
        var browser = await Browsers.SignedInAsync(_factory, email);
        var page = await browser.GetStringAsync("/account/notifications");
        Assert.Equal(4, page.Split("role=\"switch\"").Length - 1);
        Assert.Equal(4, page.Split("checked=\"checked\"").Length - 1);
        var saved = await browser.PostAsync("/account/notifications", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["expiryReminders"] = "true", ["linksExpired"] = "true", ["linkNotices"] = "true", ["__RequestVerificationToken"] = Browsers.FormToken(page),
        }));
        Assert.Contains("Your choices are saved.", await saved.Content.ReadAsStringAsync());
        Assert.False((await (await nora.GetAsync("/api/me/notifications")).Json()).GetProperty("sharedWithMe").GetBoolean());

        async Task<HttpStatusCode> ShareWithNora(string name) =>
            (await mia.PostAsJsonAsync($"/api/items/{(await mia.UploadOk(miaSpace, name, "x"u8.ToArray())).Id()}/invitations",
                new { recipients = new[] { new { kind = "user", id = noraId } }, role = "viewer" })).StatusCode;
        Assert.Equal(HttpStatusCode.Created, await ShareWithNora("quiet.txt"));
        await DispatchAsync();
        Assert.DoesNotContain(_smtp.MailsTo(email), m => m.TextBody.Contains("quiet.txt"));
        // The share itself is made: Nora sees the file, she only was not mailed.
        Assert.Contains("quiet.txt", await nora.GetStringAsync("/api/shared-with-me"));

        // Back on through the API, and off for expired links instead.
        Assert.Equal(HttpStatusCode.OK, (await nora.PutAsJsonAsync("/api/me/notifications",
            new { sharedWithMe = true, expiryReminders = true, linksExpired = false, linkNotices = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, await ShareWithNora("loud.txt"));
        await DispatchAsync();
        Assert.Contains(_smtp.MailsTo(email), m => m.TextBody.Contains("loud.txt"));

        var noraSpace = (await nora.PersonalSpace()).Id();
        var file = (await nora.UploadOk(noraSpace, "short-lived.txt", "x"u8.ToArray())).Id();
        await nora.ShareOk(new { itemIds = new[] { file }, expiresAt = _factory.Clock.GetUtcNow().UtcDateTime.AddHours(2) });
        var before = _smtp.MailsTo(email).Count;
        _factory.Clock.Advance(TimeSpan.FromHours(3));
        await RunAsync<LinkExpirySweep>();
        Assert.Equal(before, _smtp.MailsTo(email).Count);
        // The same sweep still mails someone who kept these mails on.
        var miaFile = (await mia.UploadOk(miaSpace, "mia-short.txt", "x"u8.ToArray())).Id();
        await mia.ShareOk(new { itemIds = new[] { miaFile }, expiresAt = _factory.Clock.GetUtcNow().UtcDateTime.AddHours(2) });
        _factory.Clock.Advance(TimeSpan.FromHours(3));
        await RunAsync<LinkExpirySweep>();
        Assert.Contains(_smtp.MailsTo("mia@acme.test"), m => m.TextBody.Contains("mia-short.txt"));
    }

    [Fact]
    public async Task Issue28_mails_give_times_in_the_members_zone_which_a_sign_in_takes_from_the_browser_without_overriding_a_choice()
    {
        _factory.Clock.Restart();
        await _factory.AllowAnyoneByEmailAsync();
        var email = await MemberAsync();
        var nora = await _factory.ClientForAsync(email);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await (await nora.GetAsync("/api/me")).Json()).GetProperty("timeZone").ValueKind);

        // A sign-in fills in a missing zone from the browser; an unknown one is ignored.
        await Browsers.SignedInAsync(_factory, email, "Mars/Olympus_Mons");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await (await nora.GetAsync("/api/me")).Json()).GetProperty("timeZone").ValueKind);
        await Browsers.SignedInAsync(_factory, email, "Asia/Tokyo");
        Assert.Equal("Asia/Tokyo", (await (await nora.GetAsync("/api/me")).Json()).GetProperty("timeZone").GetString());

        var refused = await nora.PutAsJsonAsync("/api/me/time-zone", new { timeZone = "Mars/Olympus_Mons" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("timeZone", out _));
        // The account page offers the zones and saves one; a later sign-in from another zone keeps the choice.
        var browser = await Browsers.SignedInAsync(_factory, email);
        var account = await browser.GetStringAsync("/account/tokens");
        Assert.Contains("<option value=\"Asia/Tokyo\" selected=\"selected\">", account);
        var saved = await browser.PostAsync("/account/tokens?handler=TimeZone", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["timeZone"] = "Europe/Warsaw", ["__RequestVerificationToken"] = Browsers.FormToken(account),
        }));
        Assert.Contains("Your mails now give times in this zone.", await saved.Content.ReadAsStringAsync());
        await Browsers.SignedInAsync(_factory, email, "America/New_York");
        Assert.Equal("Europe/Warsaw", (await (await nora.GetAsync("/api/me")).Json()).GetProperty("timeZone").GetString());

        // The outside recipient's mail and the sender's reminder name the end of access in the sender's zone, said as such.
        var item = (await nora.UploadOk((await nora.PersonalSpace()).Id(), "zoned.txt", "x"u8.ToArray())).Id();
        var created = await (await nora.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new[] { new { kind = "external", email = "zoned@example.org" } }, role = "viewer", acknowledgeExternal = true, externalExpiryDays = 7,
        })).Json();
        var ends = created.GetProperty("grants")[0].GetProperty("expiresAt").GetDateTime().ToUniversalTime();
        var inWarsaw = $"{TimeZoneInfo.ConvertTimeFromUtc(ends, Warsaw):yyyy-MM-dd HH:mm} (Europe/Warsaw)";
        Assert.NotEqual($"{ends:yyyy-MM-dd HH:mm}", $"{TimeZoneInfo.ConvertTimeFromUtc(ends, Warsaw):yyyy-MM-dd HH:mm}");
        await DispatchAsync();
        Assert.Contains(inWarsaw, Assert.Single(_smtp.MailsTo("zoned@example.org")).TextBody);
        // As a word: the mail's link carries a random token, which may hold the letters "UTC" (seen once in CI).
        Assert.DoesNotMatch(@"\bUTC\b", _smtp.MailsTo("zoned@example.org")[0].TextBody);

        _factory.Clock.Advance(TimeSpan.FromDays(6.5));
        await RunAsync<ExpiryReminderJob>();
        Assert.Contains(_smtp.MailsTo(email), m => m.TextBody.Contains("zoned@example.org") && m.TextBody.Contains(inWarsaw));
    }
}
