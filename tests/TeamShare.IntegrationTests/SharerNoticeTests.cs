using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Contracts;
using TeamShare.Links.Notices;
using TeamShare.SharedKernel.Publishing;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 11 with a real SMTP server: a sharer is told of the first open at once, then at most once per link per 10 minutes
/// in a digest that names uploaded files; one click in the mail stops them, and a tampered click does nothing.
/// </summary>
public sealed partial class SharerNoticeTests() : WithMailServer(startSmtp: true)
{
    [GeneratedRegex(@"https?://[^\s""<>]+/notices/off\?t=[^\s""<>]+")]
    private static partial Regex OffLink();

    private async Task SweepAndSendAsync()
    {
        await _factory.Services.GetRequiredService<BestEffort<LinkUsed>>().FlushAsync(CancellationToken.None);
        using (var scope = _factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SharerNoticeSweep>().RunAsync(CancellationToken.None);
        await DispatchAsync();
    }

    /// <summary>The mails mia got about one link, oldest first, as (subject, text).</summary>
    private List<(string Subject, string Text)> MailsAbout(string linkName) =>
        _smtp.MailsTo("mia@acme.test").Where(m => m.Subject.Contains(linkName)).Select(m => (m.Subject, m.TextBody)).ToList();

    [Fact]
    public async Task Issue11_fifty_opens_in_a_minute_make_one_first_open_mail_then_one_digest_that_names_uploads()
    {
        var clock = _factory.Clock.Restart();
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var name = $"Drop {Guid.NewGuid():N}"[..14];
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name })).Json()).Id();
        var share = await mia.ShareOk(new { itemIds = new[] { folder }, allowUpload = true });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        Assert.True(share.GetProperty("notify").GetBoolean());

        var visitor = _factory.Anonymous();
        visitor.DefaultRequestHeaders.Add("Accept", "application/json");
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        foreach (var file in new[] { "invoice-march.pdf", "receipt.png" })
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", file } };
            Assert.Equal(HttpStatusCode.Created, (await visitor.PostAsync($"/s/{token}/upload", form)).StatusCode);
        }

        await SweepAndSendAsync();
        await SweepAndSendAsync();
        var first = Assert.Single(MailsAbout(name));
        Assert.Contains("opened for the first time", first.Subject);

        clock.Advance(TimeSpan.FromMinutes(9));
        await SweepAndSendAsync();
        Assert.Single(MailsAbout(name));

        clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAndSendAsync();
        await SweepAndSendAsync();
        var mails = MailsAbout(name);
        Assert.Equal(2, mails.Count);
        var digest = mails[1];
        Assert.StartsWith("What happened to", digest.Subject);
        Assert.Contains("opened 49 times", digest.Text);
        Assert.Contains("invoice-march.pdf", digest.Text);
        Assert.Contains("receipt.png", digest.Text);
    }

    [Fact]
    public async Task Issue11_Issue27_the_address_in_the_mail_asks_first_its_button_stops_mails_about_that_link_and_a_tampered_one_does_nothing()
    {
        var clock = _factory.Clock.Restart();
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var name = $"Plan {Guid.NewGuid():N}"[..14];
        var file = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"{name}.txt", "plan"u8.ToArray())).Id();
        var share = await mia.ShareOk(new { itemIds = new[] { file }, name });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var visitor = _factory.Anonymous();
        visitor.DefaultRequestHeaders.Add("Accept", "application/json");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode);
        await SweepAndSendAsync();
        var off = OffLink().Match(Assert.Single(MailsAbout(name)).Text).Value;
        var path = new Uri(off).PathAndQuery;
        // Mail programs get the same address as RFC 8058 headers, to stop the mails with a POST of their own.
        var mail = _smtp.MailsTo("mia@acme.test").Single(m => m.Subject.Contains(name));
        Assert.Equal($"<{off}>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);

        var browser = _factory.Client();
        var tampered = await browser.GetAsync(path[..^3] + (path[^3] == 'A' ? "B" : "A") + path[^2..]);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.True((await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("notify").GetBoolean());

        // Opening the address (what a mail scanner does too) asks and changes nothing; the button stops the mails (issue 27, Info).
        var page = await browser.GetStringAsync(path);
        Assert.Contains($"Stop mails about “{name}”?", page);
        Assert.True((await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("notify").GetBoolean());
        var pressed = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Contains("You will get no more mails about", await pressed.Content.ReadAsStringAsync());
        Assert.False((await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("notify").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(11));
        await SweepAndSendAsync();
        Assert.Single(MailsAbout(name));
    }

    [Fact]
    public async Task Issue11_a_mail_program_stops_the_mails_with_the_RFC_8058_one_click_post()
    {
        _factory.Clock.Restart();
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var name = $"Post {Guid.NewGuid():N}"[..14];
        var file = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"{name}.txt", "p"u8.ToArray())).Id();
        var share = await mia.ShareOk(new { itemIds = new[] { file }, name });
        var visitor = _factory.Anonymous();
        visitor.DefaultRequestHeaders.Add("Accept", "application/json");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{Api.TokenOf(share.GetProperty("url").GetString()!)}")).StatusCode);
        await SweepAndSendAsync();
        var header = _smtp.MailsTo("mia@acme.test").Single(m => m.Subject.Contains(name)).Headers["List-Unsubscribe"];
        var path = new Uri(header.Trim('<', '>')).PathAndQuery;

        // What a mail program sends: no cookie, no form token, only the RFC 8058 body.
        HttpContent OneClick() => new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });
        var program = _factory.Client(cookies: false);
        var tampered = await program.PostAsync(path[..^3] + (path[^3] == 'A' ? "B" : "A") + path[^2..], OneClick());
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.True((await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("notify").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await program.PostAsync(path, OneClick())).StatusCode);
        Assert.False((await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("notify").GetBoolean());
    }

    [Fact]
    public async Task Issue11_a_sharer_who_turned_mails_off_for_a_link_gets_none()
    {
        _factory.Clock.Restart();
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var name = $"Quiet {Guid.NewGuid():N}"[..14];
        var file = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"{name}.txt", "q"u8.ToArray())).Id();
        var share = await mia.ShareOk(new { itemIds = new[] { file }, name, notify = false });
        Assert.False(share.GetProperty("notify").GetBoolean());
        var visitor = _factory.Anonymous();
        visitor.DefaultRequestHeaders.Add("Accept", "application/json");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token(share)}")).StatusCode);
        await SweepAndSendAsync();
        Assert.Empty(MailsAbout(name));

        static string token(System.Text.Json.JsonElement s) => Api.TokenOf(s.GetProperty("url").GetString()!);
    }

    [Fact]
    public async Task Issue11_CH2_with_the_teams_chat_on_a_notice_is_posted_there_too_once()
    {
        _factory.Clock.Restart();
        using var chat = new ChatListener();
        var olivia = await _factory.ClientForAsync("olivia@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/webhook", new { url = chat.Url })).StatusCode);
        await _factory.ChangePolicyAsync(_ => { }, new Dictionary<string, bool> { ["webhook"] = true });

        var mia = await _factory.ClientForAsync("mia@acme.test");
        var name = $"Chat {Guid.NewGuid():N}"[..14];
        var file = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"{name}.txt", "c"u8.ToArray())).Id();
        var share = await mia.ShareOk(new { itemIds = new[] { file }, name });
        var visitor = _factory.Anonymous();
        visitor.DefaultRequestHeaders.Add("Accept", "application/json");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{Api.TokenOf(share.GetProperty("url").GetString()!)}")).StatusCode);

        await SweepAndSendAsync();
        await SweepAndSendAsync();
        for (var run = 0; run < 2; run++)
        {
            using var scope = _factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<TeamShare.Webhooks.Delivery.WebhookDeliveryJob>().RunAsync(CancellationToken.None);
        }
        var posted = Assert.Single(chat.Received, body => body.Contains(name));
        Assert.Contains("opened for the first time", posted);
        Assert.Single(MailsAbout(name));
    }
}
