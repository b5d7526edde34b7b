using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 11 (SH-4 strengthened), with a real SMTP server: an outside recipient's link opens in a browser only after a code
/// mailed to the invited address; a forwarded link shows the code page and nothing of the item.
/// </summary>
public sealed partial class RecipientCodeTests() : WithMailServer(startSmtp: true)
{
    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex Code();

    /// <summary>mia shares a file with an outside address; answers the external link's path and the file.</summary>
    private async Task<(string Link, string Item, string Name)> SharedOutsideAsync(string email)
    {
        await _factory.AllowAnyoneByEmailAsync();
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var name = $"contract-{Guid.NewGuid():N}"[..17] + ".txt";
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), name, "terms"u8.ToArray())).Id();
        var created = await (await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new[] { new { kind = "external", email } }, role = "viewer", acknowledgeExternal = true,
        })).Json();
        return (new Uri(created.GetProperty("externalLinks")[0].GetProperty("url").GetString()!).PathAndQuery, item, name);
    }

    private async Task<string> MailedCodeAsync(string email)
    {
        await DispatchAsync();
        var last = _smtp.MailsTo(email).Last(m => m.Subject.StartsWith("Your code"));
        return Code().Match(last.Subject).Groups[1].Value;
    }

    private Task SetCodes(bool on) => _factory.ChangePolicyAsync(settings => settings["requireRecipientCode"] = on);

    [Fact]
    public async Task Issue11_SH4_a_forwarded_link_shows_the_code_page_and_nothing_of_the_item_until_the_mailed_code_is_entered()
    {
        var (link, item, name) = await SharedOutsideAsync("guest@example.org");
        var browser = _factory.Client();

        var page = await browser.GetStringAsync(link);
        Assert.Contains("Confirm your address", page);
        Assert.DoesNotContain(name, page);
        var download = await browser.GetAsync($"{link}/items/{item}/download");
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Equal("code_required", (await download.Json()).GetProperty("reason").GetString());

        var sent = await browser.PostAsync($"{link}/code", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal("g•••@example.org", (await sent.Json()).GetProperty("sentTo").GetString());
        var code = await MailedCodeAsync("guest@example.org");
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsJsonAsync($"{link}/verify", new { code })).StatusCode);

        Assert.Contains(name, await browser.GetStringAsync(link));
        Assert.Equal("terms", await browser.GetStringAsync($"{link}/items/{item}/download"));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsJsonAsync($"{link}/verify", new { code })).StatusCode);

        var forwardedTo = _factory.Client();
        Assert.DoesNotContain(name, await forwardedTo.GetStringAsync(link));
        Assert.Equal(HttpStatusCode.Forbidden, (await forwardedTo.GetAsync($"{link}/items/{item}/download")).StatusCode);
    }

    [Fact]
    public async Task Issue27_L6_a_mailed_code_is_not_kept_in_the_outbox_once_the_mail_went()
    {
        var (link, _, _) = await SharedOutsideAsync("kept@example.org");
        Assert.Equal(HttpStatusCode.Accepted, (await _factory.Client().PostAsync($"{link}/code", null)).StatusCode);
        var code = await MailedCodeAsync("kept@example.org");
        Assert.Matches("^[0-9]{6}$", code);

        var models = new List<string>();
        await using var connection = await TestDatabase.OpenAsync(_factory.DataDirectory);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "ModelJson" FROM "invitations_outbox" WHERE "Template" = 'recipient-code' AND "SentAt" IS NOT NULL""";
        await using (var rows = await command.ExecuteReaderAsync())
            while (await rows.ReadAsync()) models.Add(rows.GetString(0));
        Assert.NotEmpty(models);
        Assert.All(models, model => Assert.DoesNotContain(code, model));
    }

    [Fact]
    public async Task Issue11_five_wrong_codes_use_the_code_up_and_a_new_code_works()
    {
        var (link, item, _) = await SharedOutsideAsync("tries@example.org");
        var browser = _factory.Client();
        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsync($"{link}/code", null)).StatusCode);
        var code = await MailedCodeAsync("tries@example.org");
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 1; i <= 5; i++)
        {
            var answer = await browser.PostAsJsonAsync($"{link}/verify", new { code = wrong });
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            if (i == 5) Assert.Contains("tried too often", (await answer.Json()).GetProperty("errors").GetProperty("code")[0].GetString());
        }
        var late = await browser.PostAsJsonAsync($"{link}/verify", new { code });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"{link}/items/{item}/download")).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsync($"{link}/code", null)).StatusCode);
        var fresh = await MailedCodeAsync("tries@example.org");
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsJsonAsync($"{link}/verify", new { code = fresh })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"{link}/items/{item}/download")).StatusCode);
    }

    [Fact]
    public async Task Issue27_a_hundred_parallel_guesses_check_at_most_five_and_then_even_the_right_code_is_refused()
    {
        var (link, item, _) = await SharedOutsideAsync("parallel@example.org");
        Assert.Equal(HttpStatusCode.Accepted, (await _factory.Client().PostAsync($"{link}/code", null)).StatusCode);
        var code = await MailedCodeAsync("parallel@example.org");
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var guess = ((int.Parse(code) + 1 + i) % 1_000_000).ToString("D6");
            var answer = await _factory.Client().PostAsJsonAsync($"{link}/verify", new { code = guess });
            return (answer.StatusCode, Text: (await answer.Json()).GetProperty("errors").GetProperty("code")[0].GetString()!);
        }));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.Equal(5, answers.Count(a => a.Text.StartsWith("That code is not right")));
        var right = _factory.Client();
        Assert.Equal(HttpStatusCode.BadRequest, (await right.PostAsJsonAsync($"{link}/verify", new { code })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await right.GetAsync($"{link}/items/{item}/download")).StatusCode);
    }

    [Fact]
    public async Task Issue11_codes_are_throttled_per_link()
    {
        var (link, _, _) = await SharedOutsideAsync("often@example.org");
        var browser = _factory.Client();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsync($"{link}/code", null)).StatusCode);
        var refused = await browser.PostAsync($"{link}/code", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("throttled", (await refused.Json()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Issue11_with_the_teams_switch_off_the_link_opens_without_a_code()
    {
        var (link, item, name) = await SharedOutsideAsync("open@example.org");
        await SetCodes(false);
        try
        {
            var browser = _factory.Client();
            Assert.Contains(name, await browser.GetStringAsync(link));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"{link}/items/{item}/download")).StatusCode);
        }
        finally { await SetCodes(true); }
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.Client().GetAsync($"{link}/items/{item}/download")).StatusCode);
    }
}
