using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Invitations.Invite;
using TeamShare.Invitations.Mail;

namespace TeamShare.IntegrationTests;

/// <summary>SH-1..SH-11 with a real SMTP server: invitations, rules, revoke, mail delivery and its faults.</summary>
[StartsEarly("One of the longest classes: waits on mail jobs.")]
public sealed partial class InvitationTests() : WithMailServer(startSmtp: false)
{
    private Task AllowAnyoneByEmail(TeamShareFactory? factory = null) => (factory ?? _factory).AllowAnyoneByEmailAsync();

    private async Task<(HttpClient Mia, string Item)> ItemAsync(TeamShareFactory? factory = null, string name = "plan.txt")
    {
        var mia = await (factory ?? _factory).ClientForAsync("mia@acme.test");
        return (mia, (await mia.UploadOk((await mia.PersonalSpace()).Id(), name, "the plan"u8.ToArray())).Id());
    }

    private async Task<Guid> IdOf(string email, TeamShareFactory? factory = null) => await (await (factory ?? _factory).ClientForAsync(email)).UserIdAsync();

    private async Task<Guid> DepartmentAsync(string name)
    {
        var admin = await _factory.ClientForAsync("adam@acme.test");
        var list = await (await admin.GetAsync("/api/admin/departments")).Json();
        return Guid.Parse(list.EnumerateArray().Single(d => d.GetProperty("name").GetString() == name).Id());
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/x/[A-Za-z0-9_\-]+")]
    private static partial Regex ExternalLink();

    [Fact]
    public async Task ID7_a_suspended_senders_external_invitations_stop_and_start_again_on_reactivation()
    {
        _smtp.Start();
        await AllowAnyoneByEmail();
        var (mia, item) = await ItemAsync(name: "suspended-sender.txt");
        Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new object[] { new { kind = "external", email = "auditor@example.org" } }, role = "viewer", acknowledgeExternal = true,
        })).StatusCode);
        await DispatchAsync();
        var link = new Uri(ExternalLink().Match(Assert.Single(_smtp.MessagesTo("auditor@example.org")).Replace("=\r\n", "")).Value);
        var stranger = _factory.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(link.PathAndQuery)).StatusCode);

        var adam = await _factory.ClientForAsync("adam@acme.test");
        var miaId = await mia.UserIdAsync();
        Assert.Equal(HttpStatusCode.OK, (await adam.PatchAsJsonAsync($"/api/admin/members/{miaId}", new { isActive = false })).StatusCode);
        try
        {
            Assert.Equal(HttpStatusCode.Gone, (await stranger.GetAsync(link.PathAndQuery)).StatusCode);
            Assert.Equal(HttpStatusCode.Gone, (await stranger.GetAsync($"{link.AbsolutePath}/items/{item}/download")).StatusCode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await adam.PatchAsJsonAsync($"/api/admin/members/{miaId}", new { isActive = true })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(link.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task SH9_each_recipient_gets_one_mail_and_the_links_in_it_work_the_external_one_view_only()
    {
        _smtp.Start();
        await AllowAnyoneByEmail();
        var (mia, item) = await ItemAsync();
        var response = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new object[]
            {
                new { kind = "user", id = await IdOf("mark@acme.test") },
                new { kind = "department", id = await DepartmentAsync("Engineering") },
                new { kind = "external", email = "partner@example.org" },
            },
            role = "editor", acknowledgeExternal = true, externalExpiryDays = 7, message = "Please read",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Json();
        Assert.Equal("viewer", created.GetProperty("grants").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == "external").GetProperty("role").GetString());

        await DispatchAsync();
        await DispatchAsync();
        Assert.Single(_smtp.MessagesTo("mark@acme.test"));
        Assert.Empty(_smtp.MessagesTo("mia@acme.test"));
        var external = Assert.Single(_smtp.MessagesTo("partner@example.org"));
        Assert.Contains("Please read", external);
        Assert.Contains("Message-Id: <", external, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"/items/{item}", _smtp.MessagesTo("mark@acme.test")[0]);

        var mark = await _factory.ClientForAsync("mark@acme.test");
        Assert.Equal("editor", (await (await mark.GetAsync($"/api/items/{item}")).Json()).GetProperty("role").GetString());
        Assert.Contains(item, await mark.GetStringAsync("/api/shared-with-me"));

        var link = new Uri(ExternalLink().Match(external.Replace("=\r\n", "")).Value);
        // Issue 11: the recipient's browser first confirms the invited address with a mailed code (changed with the behaviour).
        var stranger = _factory.Client();
        Assert.Equal(HttpStatusCode.Accepted, (await stranger.PostAsync($"{link.AbsolutePath}/code", null)).StatusCode);
        await DispatchAsync();
        var code = System.Text.RegularExpressions.Regex.Match(_smtp.MessagesTo("partner@example.org").Last(), @"Your code to open what was shared with you: (\d{6})").Groups[1].Value;
        Assert.Equal(HttpStatusCode.NoContent, (await stranger.PostAsJsonAsync($"{link.AbsolutePath}/verify", new { code })).StatusCode);
        var page = await stranger.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("plan.txt", html);
        Assert.Contains("view only", html);
        // Issue 12: the page says who shared it, from which team, with their note, as the mail did.
        Assert.Contains("of Acme shared this with you", html);
        Assert.Contains("<blockquote class=\"mb-1\">Please read</blockquote>", html);
        Assert.Equal("the plan", await stranger.GetStringAsync($"{link.AbsolutePath}/items/{item}/download"));
        // View-only: the link opens nothing of the API and cannot be used to share further.
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "organisation" } }, role = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PutAsync($"/api/items/{item}/content", new StringContent("x"))).StatusCode);
    }

    [Fact]
    public async Task SH9_mail_queued_while_the_smtp_server_is_down_arrives_after_it_comes_back()
    {
        var (mia, item) = await ItemAsync();
        await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "user", id = await IdOf("eve@acme.test") } }, role = "viewer" });
        await DispatchAsync();
        var status = await (await mia.GetAsync($"/api/items/{item}/mail")).Json();
        // Tried and not delivered yet: the sender sees "delayed" with the reason (was "pending" before issue 14's mail fix).
        Assert.Equal("delayed", status[0].GetProperty("status").GetString());
        Assert.NotNull(status[0].GetProperty("lastError").GetString());

        _smtp.Start();
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync();
        Assert.Single(_smtp.MessagesTo("eve@acme.test"));
        Assert.Equal("sent", (await (await mia.GetAsync($"/api/items/{item}/mail")).Json())[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task SH4_the_mail_outbox_never_holds_a_usable_external_link_the_mail_does()
    {
        // Issue 14 finding 6: external recipients' links, valid up to 90 days, were kept in clear in the outbox.
        _smtp.Start();
        await AllowAnyoneByEmail();
        var (mia, item) = await ItemAsync(name: "clear.txt");
        Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new[] { new { kind = "external", email = "outbox@example.org" } }, role = "viewer", acknowledgeExternal = true, externalExpiryDays = 7,
        })).StatusCode);
        const string Clear = """SELECT count(*) FROM "invitations_outbox" WHERE "ModelJson" LIKE '%/x/%'""";
        Assert.Equal(0L, Convert.ToInt64(await _factory.SqlAsync(Clear)));

        await DispatchAsync();
        Assert.Equal(0L, Convert.ToInt64(await _factory.SqlAsync(Clear)));
        var mail = Assert.Single(_smtp.MessagesTo("outbox@example.org"));
        var link = new Uri(ExternalLink().Match(mail.Replace("=\r\n", "")).Value);
        Assert.Equal(HttpStatusCode.OK, (await _factory.Anonymous().GetAsync(link.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task SH9_an_invitation_mail_never_takes_its_links_from_the_request_host()
    {
        // Issue 14 finding 9: without PublicBaseUrl the request's Host went into the mail.
        _smtp.Start();
        var (mia, item) = await ItemAsync(name: "host.txt");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/items/{item}/invitations")
        {
            Content = JsonContent.Create(new { recipients = new[] { new { kind = "user", id = await IdOf("mark@acme.test") } }, role = "viewer" }),
        };
        request.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(request)).StatusCode);
        await DispatchAsync();
        var mail = Assert.Single(_smtp.MessagesTo("mark@acme.test"));
        Assert.DoesNotContain("evil.example", mail);
        Assert.Contains($"/items/{item}", mail);
    }

    [Fact]
    public async Task SH9_mail_survives_a_two_day_smtp_outage_and_is_undeliverable_only_after_five_days()
    {
        // Issue 14 finding 7: the old rule gave up after 8 attempts (about 64 minutes).
        var (mia, item) = await ItemAsync(name: "outage.txt");
        await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "user", id = await IdOf("mark@acme.test") } }, role = "viewer" });
        for (var hour = 0; hour < 48; hour++)
        {
            await DispatchAsync();
            _factory.Clock.Advance(TimeSpan.FromHours(1));
        }
        var mail = (await (await mia.GetAsync($"/api/items/{item}/mail")).Json())[0];
        Assert.Equal("delayed", mail.GetProperty("status").GetString());
        Assert.True(mail.GetProperty("attempts").GetInt32() > 8);

        _factory.Clock.Advance(TimeSpan.FromDays(3));
        await DispatchAsync();
        mail = (await (await mia.GetAsync($"/api/items/{item}/mail")).Json())[0];
        Assert.Equal("failed", mail.GetProperty("status").GetString());
        Assert.Contains("Could not deliver yet", mail.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task JB2_team_admins_see_their_teams_mail_delayed_with_the_reason_read_only_and_nothing_of_another_team()
    {
        // Issue 14 item 1: the job dashboard is the operators'; a team's admins see their own team's mail in the console.
        var (mia, item) = await ItemAsync(name: "queue.txt");
        await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "user", id = await IdOf("mark@acme.test") } }, role = "viewer" });
        await DispatchAsync(); // the SMTP server is down

        var adam = await _factory.ClientForAsync("adam@acme.test");
        var queue = await (await adam.GetAsync("/api/admin/mail")).Json();
        var mail = queue.GetProperty("mails").EnumerateArray().Single(m => m.GetProperty("to").GetString() == "mark@acme.test");
        Assert.Equal("delayed", mail.GetProperty("status").GetString());
        Assert.Equal("invitation-internal", mail.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(mail.GetProperty("lastError").GetString()));
        Assert.True(mail.GetProperty("nextAttemptAt").GetDateTime() > DateTime.UtcNow);
        Assert.StartsWith("Mia", mail.GetProperty("sender").GetString());
        Assert.True(queue.GetProperty("counts").GetProperty("delayed").GetInt32() >= 1);
        Assert.DoesNotContain("model", (await (await adam.GetAsync("/api/admin/mail")).Content.ReadAsStringAsync()), StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await (await adam.GetAsync("/api/admin/mail?status=failed")).Json()).GetProperty("mails").EnumerateArray()
            .Where(m => m.GetProperty("to").GetString() == "mark@acme.test"));
        var bad = await adam.GetAsync("/api/admin/mail?status=bogus");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("status", (await bad.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var page = await (await Browsers.SignedInAsync(_factory, "adam@acme.test")).GetStringAsync("/admin/mail?Status=delayed");
        Assert.Contains("mark@acme.test", page);
        Assert.Contains("Delayed (", page);

        // Another team's owner sees only their own team's mail; a member sees none.
        var gary = await _factory.ClientForAsync("gary@globex.test");
        Assert.DoesNotContain("acme.test", await (await gary.GetAsync("/api/admin/mail")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.ClientForAsync("mark@acme.test")).GetAsync("/api/admin/mail")).StatusCode);

        _smtp.Start();
        _factory.Clock.Advance(TimeSpan.FromHours(1));
        await DispatchAsync();
        var sent = await (await adam.GetAsync("/api/admin/mail?status=sent")).Json();
        Assert.Contains(sent.GetProperty("mails").EnumerateArray(), m => m.GetProperty("to").GetString() == "mark@acme.test");
    }

    [Fact]
    public async Task SH9_an_address_mimekit_cannot_parse_is_refused_when_it_is_added_not_left_pending_forever()
    {
        // Issue 14 finding 7: a.@example.org passed System.Net.Mail and then failed the mail job on every run.
        await AllowAnyoneByEmail();
        var (mia, item) = await ItemAsync(name: "parse.txt");
        var response = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new object[] { new { kind = "external", email = "fine@example.org" }, new { kind = "external", email = "a.@example.org" } },
            role = "viewer", acknowledgeExternal = true, externalExpiryDays = 7,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("recipients[1]", out _));
        Assert.Empty((await (await mia.GetAsync($"/api/items/{item}/mail")).Json()).EnumerateArray());
    }

    [Fact]
    public async Task SH9_a_host_killed_right_after_saving_the_share_still_delivers_every_mail_after_a_restart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        string item;
        using (var first = new TeamShareFactory { DataDirectory = directory, DeleteDataOnDispose = false, SmtpPort = _smtp.Port })
        {
            (var mia, item) = await ItemAsync(first);
            var response = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
            {
                recipients = new[] { new { kind = "user", id = await IdOf("mark@acme.test", first) }, new { kind = "user", id = await IdOf("eve@acme.test", first) } },
                role = "viewer",
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            // The process ends here: no dispatcher ran.
        }
        _smtp.Start();
        using var restarted = new TeamShareFactory { DataDirectory = directory, SmtpPort = _smtp.Port };
        await DispatchAsync(restarted);
        Assert.Single(_smtp.MessagesTo("mark@acme.test"));
        Assert.Single(_smtp.MessagesTo("eve@acme.test"));
        var mark = await restarted.ClientForAsync("mark@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await mark.GetAsync($"/api/items/{item}")).StatusCode);
    }

    [Fact]
    public async Task SH9_a_5xx_answer_is_not_retried_and_the_sender_sees_the_failure()
    {
        _smtp.Start();
        await AllowAnyoneByEmail();
        var (mia, item) = await ItemAsync();
        await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new[] { new { kind = "external", email = "reject-me@example.org" } }, role = "viewer", acknowledgeExternal = true,
        });
        await DispatchAsync();
        _factory.Clock.Advance(TimeSpan.FromHours(2));
        await DispatchAsync();
        var mail = (await (await mia.GetAsync($"/api/items/{item}/mail")).Json())[0];
        Assert.Equal("failed", mail.GetProperty("status").GetString());
        Assert.Equal(1, mail.GetProperty("attempts").GetInt32());
        Assert.Contains("550", mail.GetProperty("lastError").GetString());
        Assert.Empty(_smtp.Messages());
    }

    [Fact]
    public async Task SH5_nobody_grants_more_than_they_have_and_outsiders_are_always_viewers()
    {
        var (mia, item) = await ItemAsync();
        var mark = await IdOf("mark@acme.test");
        var eve = await _factory.ClientForAsync("eve@acme.test");

        // Owner → owner role is never granted.
        Assert.Equal(HttpStatusCode.BadRequest, (await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "user", id = mark } }, role = "owner" })).StatusCode);
        // Owner gives Eve Viewer: a Viewer cannot share at all.
        await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "user", id = await eve.UserIdAsync() } }, role = "viewer" });
        var viewerShares = await eve.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "user", id = mark } }, role = "viewer" });
        Assert.Equal(HttpStatusCode.Forbidden, viewerShares.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.PatchAsJsonAsync($"/api/items/{item}/access/{Guid.NewGuid()}", new { role = "editor" })).StatusCode);

        // Owner gives Mark Editor: an Editor re-shares at Editor or below (SH-5), and that grant outlives Mark's access (SH-6a).
        await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "user", id = mark } }, role = "editor" });
        var markClient = await _factory.ClientForAsync("mark@acme.test");
        var adam = await IdOf("adam@acme.test");
        Assert.Equal(HttpStatusCode.Created, (await markClient.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "user", id = adam } }, role = "editor" })).StatusCode);
        var access = await (await mia.GetAsync($"/api/items/{item}/access")).Json();
        var markGrant = access.EnumerateArray().Single(a => a.GetProperty("principal").GetProperty("id").GetString() == mark.ToString());
        var adamGrant = access.EnumerateArray().Single(a => a.GetProperty("principal").GetProperty("id").GetString() == adam.ToString());
        Assert.Equal("Mark Member", adamGrant.GetProperty("addedBy").GetString());
        Assert.True(access.EnumerateArray().Single(a => a.GetProperty("isOwner").GetBoolean()).GetProperty("principal").GetProperty("id").GetString() == (await mia.UserIdAsync()).ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{item}/access/{markGrant.GetProperty("grantId").GetString()}")).StatusCode);
        var adamClient = await _factory.ClientForAsync("adam@acme.test");
        Assert.Equal("editor", (await (await adamClient.GetAsync($"/api/items/{item}")).Json()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await mia.PatchAsJsonAsync($"/api/items/{item}/access/{adamGrant.GetProperty("grantId").GetString()}", new { role = "viewer" })).StatusCode);
        Assert.Equal("viewer", (await (await adamClient.GetAsync($"/api/items/{item}")).Json()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await markClient.GetAsync($"/api/items/{item}")).StatusCode);
    }

    [Fact]
    public async Task SH4_AD2_outside_addresses_need_policy_and_the_acknowledgement()
    {
        var (mia, item) = await ItemAsync();
        var external = new[] { new { kind = "external", email = "someone@partner.example" } };
        var notApproved = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = external, role = "viewer", acknowledgeExternal = true });
        Assert.Equal("not_on_approved_list", (await notApproved.Json()).GetProperty("reason").GetString());

        var admin = await _factory.ClientForAsync("adam@acme.test");
        await admin.PostAsJsonAsync("/api/admin/policy/approved", new { value = "partner.example" });
        var noAck = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = external, role = "viewer" });
        Assert.True((await noAck.Json()).GetProperty("errors").TryGetProperty("acknowledgeExternal", out _));
        Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = external, role = "viewer", acknowledgeExternal = true })).StatusCode);

        var olivia = await _factory.ClientForAsync("olivia@acme.test");
        var current = await (await olivia.GetAsync("/api/admin/policy")).Json();
        var settings = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(current.GetProperty("settings").GetRawText())!;
        settings["emailMode"] = "team_only";
        await olivia.PutAsJsonAsync("/api/admin/policy", new { settings });
        var teamOnly = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = external, role = "viewer", acknowledgeExternal = true });
        Assert.Equal(HttpStatusCode.Forbidden, teamOnly.StatusCode);
        Assert.Equal("email_team_only", (await teamOnly.Json()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ID5_a_department_share_reaches_a_member_added_later_and_leaves_one_removed()
    {
        var (mia, item) = await ItemAsync();
        var sales = await DepartmentAsync("Sales");
        var invited = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "department", id = sales } }, role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var mark = await _factory.ClientForAsync("mark@acme.test");
        var admin = await _factory.ClientForAsync("adam@acme.test");
        Assert.Equal(HttpStatusCode.NotFound, (await mark.GetAsync($"/api/items/{item}")).StatusCode);
        async Task<string> SalesEntry() => (await (await mia.GetAsync($"/api/items/{item}/access")).Json()).EnumerateArray()
            .Single(a => a.GetProperty("principal").GetProperty("kind").GetString() == "department").GetProperty("principal").GetProperty("displayName").GetString()!;
        var before = await SalesEntry();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/admin/departments/{sales}/members/{await mark.UserIdAsync()}", null)).StatusCode);
        var people = int.Parse(System.Text.RegularExpressions.Regex.Match(before, @"\((\d+) (?:person|people)\)").Groups[1].Value);
        Assert.Equal($"Sales ({people + 1} people)", await SalesEntry());
        var access = await (await mia.GetAsync($"/api/items/{item}/access")).Json();
        var reached = await mark.GetAsync($"/api/items/{item}");
        Assert.True(reached.StatusCode == HttpStatusCode.OK, $"{reached.StatusCode}: {await reached.Content.ReadAsStringAsync()} / access {access}");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/departments/{sales}/members/{await mark.UserIdAsync()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mark.GetAsync($"/api/items/{item}")).StatusCode);
    }

    [Fact]
    public async Task SH6_revoking_refuses_the_next_request_of_the_person_and_of_the_external_link()
    {
        await AllowAnyoneByEmail();
        var (mia, item) = await ItemAsync();
        var created = await (await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new object[] { new { kind = "user", id = await IdOf("eve@acme.test") }, new { kind = "external", email = "guest@example.org" } },
            role = "viewer", acknowledgeExternal = true,
        })).Json();
        var link = new Uri(created.GetProperty("externalLinks")[0].GetProperty("url").GetString()!).PathAndQuery;
        var eve = await _factory.ClientForAsync("eve@acme.test");
        var stranger = _factory.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await eve.GetAsync($"/api/items/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(link)).StatusCode);

        foreach (var entry in (await (await mia.GetAsync($"/api/items/{item}/access")).Json()).EnumerateArray().Where(e => !e.GetProperty("isOwner").GetBoolean()))
            Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{item}/access/{entry.GetProperty("grantId").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync($"/api/items/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await stranger.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await stranger.GetAsync($"{link}/items/{item}/download")).StatusCode);
    }

    [Fact]
    public async Task SH11_the_sender_is_reminded_a_day_before_outside_access_ends_and_access_ends_on_time()
    {
        await AllowAnyoneByEmail();
        var (mia, item) = await ItemAsync();
        var created = await (await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new[] { new { kind = "external", email = "short@example.org" } }, role = "viewer", acknowledgeExternal = true, externalExpiryDays = 7,
        })).Json();
        var link = new Uri(created.GetProperty("externalLinks")[0].GetProperty("url").GetString()!).PathAndQuery;

        async Task Remind()
        {
            using var scope = _factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ExpiryReminderJob>().RunAsync(CancellationToken.None);
        }
        _factory.Clock.Advance(TimeSpan.FromDays(5));
        await Remind();
        _smtp.Start();
        await DispatchAsync();
        Assert.Empty(_smtp.MessagesTo("mia@acme.test"));
        _factory.Clock.Advance(TimeSpan.FromDays(1.5));
        await Remind();
        await Remind();
        await DispatchAsync();
        var reminder = Assert.Single(_smtp.MessagesTo("mia@acme.test"));
        Assert.Contains("short@example.org", reminder);
        Assert.Equal(HttpStatusCode.OK, (await _factory.Anonymous().GetAsync(link)).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Gone, (await _factory.Anonymous().GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task SH6_people_with_access_includes_access_through_folders_above_which_is_changed_there()
    {
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var spaces = await (await mia.GetAsync("/api/spaces")).Json();
        var teamSpace = spaces.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Acme Shared").Id();
        var welcome = (await (await mia.GetAsync($"/api/spaces/{teamSpace}/items")).Json()).EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == "Welcome.md").Id();
        var access = await (await mia.GetAsync($"/api/items/{welcome}/access")).Json();
        var engineering = access.EnumerateArray().Single(a => a.GetProperty("principal").GetProperty("kind").GetString() == "department");
        Assert.Equal("Acme Shared", engineering.GetProperty("inheritedFrom").GetString());
        Assert.Equal("editor", engineering.GetProperty("role").GetString());
        var grantId = engineering.GetProperty("grantId").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await mia.PatchAsJsonAsync($"/api/items/{welcome}/access/{grantId}", new { role = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mia.DeleteAsync($"/api/items/{welcome}/access/{grantId}")).StatusCode);
    }

    [Fact]
    public async Task SH8_ownership_moves_by_transfer_and_the_former_owner_keeps_editor()
    {
        var (mia, item) = await ItemAsync();
        var mark = await IdOf("mark@acme.test");
        Assert.Equal(HttpStatusCode.NoContent, (await mia.PostAsJsonAsync($"/api/items/{item}/transfer", new { userId = mark })).StatusCode);
        var markClient = await _factory.ClientForAsync("mark@acme.test");
        Assert.Equal("owner", (await (await markClient.GetAsync($"/api/items/{item}")).Json()).GetProperty("role").GetString());
        // Mia still owns the folder above (her personal space), so she is still Owner there; the item itself says Mark.
        var access = await (await markClient.GetAsync($"/api/items/{item}/access")).Json();
        Assert.Equal(mark.ToString(), access.EnumerateArray().Single(a => a.GetProperty("isOwner").GetBoolean()).GetProperty("principal").GetProperty("id").GetString());
        var miaId = (await mia.UserIdAsync()).ToString();
        Assert.Contains(access.EnumerateArray(), a => a.GetProperty("role").GetString() == "editor" && a.GetProperty("principal").GetProperty("id").GetString() == miaId);
        Assert.Equal(HttpStatusCode.Forbidden, (await mia.PostAsJsonAsync($"/api/items/{item}/transfer", new { userId = await mia.UserIdAsync() })).StatusCode);
    }
}

/// <summary>SH-9 without an SMTP server: mail is written as .eml files in the data directory.</summary>
public sealed class PickupMailTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task SH9_with_no_smtp_host_each_mail_becomes_an_eml_file_and_external_domains_show_in_activity()
    {
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        await olivia.PostAsJsonAsync("/api/admin/policy/approved", new { value = "customer.example" });
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "offer.pdf", "%PDF-1.4"u8.ToArray())).Id();
        var response = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new[] { new { kind = "external", email = "buyer@customer.example" } }, role = "viewer", acknowledgeExternal = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<MailDispatchJob>().RunAsync(CancellationToken.None);

        var eml = Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "mail"), "*.eml"));
        var text = await File.ReadAllTextAsync(eml);
        Assert.Contains("To: buyer@customer.example", text);
        Assert.Contains("offer.pdf", text);
        var domains = await (await olivia.GetAsync("/api/admin/activity/domains")).Json();
        Assert.Equal("customer.example", domains[0].GetProperty("domain").GetString());
    }
}

/// <summary>SH-1: a batch of recipients is checked with a fixed number of queries, not one round per recipient.</summary>
public sealed class RecipientBatchTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task SH1_checking_one_recipient_of_each_kind_or_many_takes_the_same_number_of_queries()
    {
        Guid teamId;
        List<Guid> users, departments;
        using (var scope = factory.Services.CreateScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<TeamShare.Identity.Data.IdentityDbContext>();
            teamId = (await identity.Teams.AsNoTracking().SingleAsync(t => t.Name == "Acme")).Id;
            users = await identity.Users.AsNoTracking().Where(u => u.TeamId == teamId && u.IsActive && u.RemovedAt == null).Select(u => u.Id).ToListAsync();
            departments = await identity.Departments.AsNoTracking().Where(d => d.TeamId == teamId).Select(d => d.Id).ToListAsync();
        }
        Assert.True(users.Count >= 3 && departments.Count >= 2);

        async Task<(int Queries, TeamShare.Identity.Contracts.ResolvedRecipients Result)> Resolve(int each)
        {
            TeamShare.Identity.Contracts.ResolvedRecipients result = null!;
            var queries = await QueryCounter.CountAsync(async () =>
            {
                using var scope = factory.Services.CreateScope();
                var refs = users.Take(each).Select(u => new TeamShare.Identity.Contracts.RecipientRef("user", u))
                    .Concat(departments.Take(each).Select(d => new TeamShare.Identity.Contracts.RecipientRef("department", d)))
                    .Append(new TeamShare.Identity.Contracts.RecipientRef("organisation", null)).ToList();
                var emails = Enumerable.Range(0, each).Select(i => $"guest{i}@partner.example").Append("MARK@acme.test").ToList();
                result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                    .Send(new TeamShare.Identity.Contracts.ResolveRecipients(teamId, refs, emails));
            });
            return (queries, result);
        }

        var one = await Resolve(1);
        var n = Math.Min(users.Count, departments.Count);
        var many = await Resolve(n);
        // The counter counts (a switched-off counter would make 0 = 0 pass).
        Assert.True(one.Queries > 0);
        Assert.Equal(one.Queries, many.Queries);
        Assert.Equal(2 * n + 1, many.Result.Audiences.Count);
        // An address of a member, in any case, is that member; outside addresses are not.
        Assert.Equal("mark@acme.test", many.Result.MembersByEmail["MARK@acme.test"].Email);
        Assert.DoesNotContain("guest0@partner.example", many.Result.MembersByEmail.Keys);
    }
}
