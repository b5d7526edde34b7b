using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Mail;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 23: mail an operator can trust — the server's own faults are not blamed on recipients, and failed mail can be sent again.</summary>
public sealed class MailOperatorTests : IDisposable
{
    private readonly SmtpServer _smtp = new SmtpServer().Start();
    private readonly List<TeamShareFactory> _hosts = [];

    private TeamShareFactory Host(string dataDirectory, Action<Dictionary<string, string>>? settings = null, int? smtpPort = null)
    {
        var host = new TeamShareFactory { DataDirectory = dataDirectory, SmtpPort = smtpPort ?? _smtp.Port, DeleteDataOnDispose = false };
        settings?.Invoke(host.Settings);
        _hosts.Add(host);
        return host;
    }

    private static async Task DispatchAsync(TeamShareFactory host, CancellationToken ct = default)
    {
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MailDispatchJob>().RunAsync(ct);
    }

    private static async Task InviteMarkAsync(TeamShareFactory host, string name)
    {
        var mia = await host.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), name, "the plan"u8.ToArray())).Id();
        var mark = await (await host.ClientForAsync("mark@acme.test")).UserIdAsync();
        var invited = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new { recipients = new[] { new { kind = "user", id = mark } }, role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
    }

    private static async Task<System.Text.Json.JsonElement> MailToMarkAsync(HttpClient admin) =>
        (await (await admin.GetAsync("/api/admin/mail")).Json()).GetProperty("mails").EnumerateArray()
        .Single(m => m.GetProperty("to").GetString() == "mark@acme.test");

    [Fact]
    public async Task Issue23_SH9_a_server_side_mail_fault_is_not_blamed_on_the_recipient_and_failed_mail_is_sent_again_after_the_fix()
    {
        var data = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        // A user name for a server that offers no sign-in: the operator's mistake, the same for every recipient.
        var broken = Host(data, s => { s["TeamShare:Smtp:User"] = "teamshare"; s["TeamShare:Smtp:Password"] = "secret"; });
        await InviteMarkAsync(broken, "settings.txt");
        await DispatchAsync(broken);

        var admin = await broken.ClientForAsync("adam@acme.test");
        var mail = await MailToMarkAsync(admin);
        Assert.Equal("delayed", mail.GetProperty("status").GetString());
        Assert.Contains("mail settings need an operator's attention", mail.GetProperty("lastError").GetString());

        // Five days on, it is undeliverable like any mail that never went; nothing reached the server.
        broken.Clock.Advance(TimeSpan.FromDays(6));
        await DispatchAsync(broken);
        Assert.Equal("failed", (await MailToMarkAsync(admin)).GetProperty("status").GetString());
        Assert.Empty(_smtp.MessagesTo("mark@acme.test"));
        broken.Dispose();

        // The operator fixes the setting and restarts; the team's admin sends the undeliverable mail again.
        var fixedHost = Host(data);
        admin = await fixedHost.ClientForAsync("adam@acme.test");
        var resent = await admin.PostAsync("/api/admin/mail/resend", null);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(1, (await resent.Json()).GetProperty("queued").GetInt32());
        await DispatchAsync(fixedHost);
        Assert.Single(_smtp.MessagesTo("mark@acme.test"));
        Assert.Equal("sent", (await MailToMarkAsync(admin)).GetProperty("status").GetString());
        // Nothing is left to resend, and a member may not ask.
        Assert.Equal(0, (await (await admin.PostAsync("/api/admin/mail/resend", null)).Json()).GetProperty("queued").GetInt32());
        var mia = await fixedHost.ClientForAsync("mia@acme.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await mia.PostAsync("/api/admin/mail/resend", null)).StatusCode);
    }

    [Fact]
    public async Task Issue23_the_operators_resend_takes_every_teams_failed_mail_a_teams_admin_only_their_own()
    {
        var data = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        var host = Host(data, smtpPort: SmtpServer.FreePort()); // nobody listens: every try fails for now
        await InviteMarkAsync(host, "outage.txt");
        // Another team's mail: a password reset for a Globex member.
        await host.Anonymous().PostAsJsonAsync("/api/auth/password-reset", new { email = "gary@globex.test" });
        await DispatchAsync(host);
        host.Clock.Advance(TimeSpan.FromDays(6));
        await DispatchAsync(host);

        using var scope = host.Services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var adam = await host.ClientForAsync("adam@acme.test");
        var failed = (await (await adam.GetAsync("/api/admin/mail")).Json()).GetProperty("counts").GetProperty("failed").GetInt32();
        Assert.True(failed >= 1);
        Assert.Equal(failed, (await (await adam.PostAsync("/api/admin/mail/resend", null)).Json()).GetProperty("queued").GetInt32());
        // What is left undeliverable is other teams' mail; the command the operator runs queues that too.
        host.Clock.Advance(TimeSpan.FromDays(6));
        await DispatchAsync(host);
        Assert.True(await mediator.Send(new ResendFailedMail(null)) > failed);
    }

    [Fact]
    public async Task Issue23_a_graceful_stop_mid_batch_gives_the_claimed_mail_back_at_once_instead_of_after_the_lease()
    {
        // A mail server that accepts the connection and never greets: the sweep has claimed its batch and waits in the send.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        var data = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        var host = Host(data, smtpPort: ((IPEndPoint)silent.LocalEndpoint).Port);
        await InviteMarkAsync(host, "stop.txt");

        using var stopping = new CancellationTokenSource();
        var run = DispatchAsync(host, stopping.Token);
        using var connection = await accepted;
        Assert.Equal(1L, Convert.ToInt64(await host.SqlAsync("""SELECT count(*) FROM "invitations_outbox" WHERE "LeaseUntil" IS NOT NULL""")));
        stopping.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(0L, Convert.ToInt64(await host.SqlAsync("""SELECT count(*) FROM "invitations_outbox" WHERE "LeaseUntil" IS NOT NULL""")));
        Assert.Equal(0L, Convert.ToInt64(await host.SqlAsync("""SELECT count(*) FROM "invitations_outbox" WHERE "SentAt" IS NOT NULL OR "FailedAt" IS NOT NULL""")));
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            var data = host.DataDirectory;
            host.Dispose();
            if (TestDatabase.OnPostgres) TestDatabase.DropPostgres(data);
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
        _smtp.Dispose();
    }
}
