using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 11: the pages in Polish or English: the member's own choice, else the browser's, else English.</summary>
public sealed class LocalizationTests() : WithMailServer(startSmtp: true)
{
    private static async Task<string> PageAsync(HttpClient client, string path, string? acceptLanguage,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null) request.Headers.Add("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Issue11_a_Polish_browser_gets_the_files_page_the_share_dialog_and_the_sharing_settings_in_Polish()
    {
        var mia = await Browsers.SignedInAsync(_factory, "mark@acme.test");
        var files = await PageAsync(mia, "/files", "pl-PL,pl;q=0.9,en;q=0.5");
        Assert.Contains("<html lang=\"pl\">", files);
        Assert.Contains("Moje pliki", files);
        Assert.Contains("Prześlij pliki", files);
        Assert.Contains("Udostępnione dla mnie", files);
        Assert.DoesNotContain(">Upload files<", files);
        var english = await PageAsync(mia, "/files", null);
        Assert.Contains("Upload files", english);
        Assert.Contains("<html lang=\"en\">", english);

        var api = await _factory.ClientForAsync("mark@acme.test");
        var item = (await api.UploadOk((await api.PersonalSpace()).Id(), "raport.txt", "r"u8.ToArray())).Id();
        var dialog = await PageAsync(mia, $"/share/{item}", "pl");
        Assert.Contains("Osoby z dostępem", dialog);
        Assert.Contains("Udostępnij „raport.txt”", dialog);

        var olivia = await Browsers.SignedInAsync(_factory, "olivia@acme.test");
        var policy = await PageAsync(olivia, "/admin/policy", "pl");
        Assert.Contains("Zasady udostępniania", policy);
        Assert.Contains("Lista zatwierdzonych", policy);
        Assert.Contains("Osoby spoza zespołu potwierdzają adres kodem wysłanym e-mailem", policy);
    }

    [Fact]
    public async Task Issue11_the_language_switch_is_kept_with_the_members_account_in_every_browser()
    {
        var first = await Browsers.SignedInAsync(_factory, "eve@acme.test");
        var page = await PageAsync(first, "/files", "en");
        var switched = await first.PostAsync("/account/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["locale"] = "pl", ["returnUrl"] = "/files", ["__RequestVerificationToken"] = Browsers.FormToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/files", switched.Headers.Location!.OriginalString);
        Assert.Contains("Moje pliki", await PageAsync(first, "/files", "en"));

        // Another browser, an English one: the member's own choice wins over Accept-Language.
        var second = await Browsers.SignedInAsync(_factory, "eve@acme.test");
        Assert.Contains("Moje pliki", await PageAsync(second, "/files", "en-US,en;q=0.9"));

        var back = await second.PostAsync("/account/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["locale"] = "en", ["returnUrl"] = "/files", ["__RequestVerificationToken"] = Browsers.FormToken(await PageAsync(second, "/files", null)),
        }));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains("Upload files", await PageAsync(second, "/files", "pl"));
        Assert.Equal(HttpStatusCode.BadRequest, (await second.PostAsync("/account/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["locale"] = "xx", ["__RequestVerificationToken"] = Browsers.FormToken(await PageAsync(second, "/files", null)),
        }))).StatusCode);
    }

    [Fact]
    public async Task Issue11_an_invitation_sent_from_a_Polish_session_is_mailed_in_Polish()
    {
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "budżet.xlsx", "b"u8.ToArray())).Id();
        var eve = await (await _factory.ClientForAsync("eve@acme.test")).UserIdAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/items/{item}/invitations")
        {
            Content = JsonContent.Create(new { recipients = new[] { new { kind = "user", id = eve } }, role = "editor" }),
        };
        request.Headers.Add("Accept-Language", "pl");
        Assert.Equal(HttpStatusCode.Created, (await mia.SendAsync(request)).StatusCode);
        await DispatchAsync();

        var mail = _smtp.MailsTo("eve@acme.test").Last(m => m.Subject.Contains("budżet"));
        Assert.Contains("udostępnia Ci „budżet.xlsx”", mail.Subject);
        Assert.Contains("z rolą edytującego", mail.TextBody);
    }

    /// <summary>
    /// What a person reads on a page: its text and the words of its labels, tooltips and questions; not the code samples, and
    /// not the demo team's names (Mark Member, Acme Shared, …), which are data.
    /// </summary>
    private static string Readable(string html)
    {
        var words = Regex.Matches(html, "(?:aria-label|title|placeholder|alt|data-confirm)=\"([^\"]*)\"").Select(m => m.Groups[1].Value);
        var body = Regex.Replace(html, "<(script|style|code|pre)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline);
        body = Regex.Replace(body, "<[^>]+>", " ");
        var text = WebUtility.HtmlDecode(string.Join(" ", words.Prepend(body)));
        return Regex.Replace(text, @"\b(Olivia Owner|Adam Admin|Mark Member|Mia Member|Eve Sales|Acme Shared|GNOME Files|files\.example\.com)\b", " ");
    }

    /// <summary>English words and labels that never occur in the Polish pages.</summary>
    private static readonly Regex English = new(
        @"\b(the|your|you|and|with|this|cannot|from|for|of|into|have|has|are|will|what|who|links?|shares?|shared|files|members?|" +
        @"Your|Save|Delete|Cancel|Remove|Create|Upload|Download|Share|Search|Preview|Password|Trash|Sign|Members?|Main|Admin)\b");

    [Fact]
    public async Task Issue11_every_page_and_console_screen_a_Polish_admin_opens_is_in_Polish()
    {
        var api = await _factory.ClientForAsync("olivia@acme.test");
        var space = (await api.PersonalSpace()).Id();
        var file = (await api.UploadOk(space, "notatki.txt", "n"u8.ToArray())).Id();
        var share = await api.ShareOk(new { itemIds = new[] { file }, name = "notatki", allowPreview = true, allowDownload = true });
        var olivia = await Browsers.SignedInAsync(_factory, "olivia@acme.test");
        string[] pages =
        [
            "/files", "/shared", "/shares", $"/shares/{share.Id()}", "/trash", "/search?q=notatki", $"/items/{file}", $"/share/{file}",
            $"/links/new?itemId={file}", "/account/tokens", "/account/webdav", "/account/notifications", "/api-docs", "/admin", "/admin/members", "/admin/departments",
            "/admin/spaces", "/admin/storage", "/admin/policy", "/admin/approved", "/admin/links", "/admin/chat", "/admin/activity", "/admin/mail",
        ];
        var anonymous = _factory.Anonymous();
        string[] open = ["/signin", "/forgot-password", "/join?token=nothing", "/reset-password?token=nothing"];
        var found = new List<string>();
        foreach (var (client, path) in pages.Select(p => (olivia, p)).Concat(open.Select(p => (anonymous, p))))
        {
            var html = await PageAsync(client, path, "pl");
            Assert.Contains("<html lang=\"pl\">", html);
            found.AddRange(English.Matches(Readable(html)).Select(m => $"{path}: …{Around(Readable(html), m.Index)}…"));
        }
        // What a recipient sees: the shared file's page, and a link that does not exist (a refusal, status 404).
        var link = new Uri(share.GetProperty("url").GetString()!).AbsolutePath;
        var opened = await PageAsync(anonymous, link, "pl");
        Assert.Contains("Udostępnione przez: <strong>Olivia Owner</strong>", opened);
        found.AddRange(English.Matches(Readable(opened)).Select(m => $"{link}: …{Around(Readable(opened), m.Index)}…"));
        using var missing = new HttpRequestMessage(HttpMethod.Get, "/s/AAAAAAAAAAAAAAAAAAAAAA");
        missing.Headers.Add("Accept-Language", "pl");
        var refusal = await (await anonymous.SendAsync(missing)).Content.ReadAsStringAsync();
        Assert.Contains("Nie znaleziono łącza", refusal);
        Assert.Empty(English.Matches(Readable(refusal)));
        // Issue 28: the password page and the page of a link opened as often as its owner allowed, what outsiders see first.
        var locked = new Uri((await api.ShareOk(new { itemIds = new[] { file }, password = "Haslo1" })).GetProperty("url").GetString()!).AbsolutePath;
        var passwordPage = await PageAsync(anonymous, locked, "pl", HttpStatusCode.Unauthorized);
        Assert.Contains("To łącze jest chronione hasłem", passwordPage);
        found.AddRange(English.Matches(Readable(passwordPage)).Select(m => $"{locked}: …{Around(Readable(passwordPage), m.Index)}…"));
        var once = new Uri((await api.ShareOk(new { itemIds = new[] { file }, previewLimit = 1 })).GetProperty("url").GetString()!).AbsolutePath;
        await anonymous.GetAsync($"{once}/items/{file}/preview");
        var limitPage = await PageAsync(_factory.Anonymous(), once, "pl", HttpStatusCode.Gone);
        Assert.Contains("To łącze otwarto już tyle razy", limitPage);
        found.AddRange(English.Matches(Readable(limitPage)).Select(m => $"{once}: …{Around(Readable(limitPage), m.Index)}…"));
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static string Around(string text, int at) => Regex.Replace(text.Substring(Math.Max(0, at - 40), Math.Min(80, text.Length - Math.Max(0, at - 40))), @"\s+", " ");

    [Fact]
    public async Task Issue11_problem_details_speak_the_requests_language_with_their_values()
    {
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        async Task<JsonElement> Problem(HttpMethod method, string path, object? body, HttpStatusCode status)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("Accept-Language", "pl");
            var response = await mia.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return await response.Json();
        }

        var nameless = await Problem(HttpMethod.Post, $"/api/spaces/{space}/folders", new { name = "" }, HttpStatusCode.BadRequest);
        Assert.Equal("Wystąpił co najmniej jeden błąd w danych.", nameless.GetProperty("title").GetString());
        Assert.StartsWith("Wpisz", nameless.GetProperty("errors").GetProperty("name")[0].GetString());

        var missing = await Problem(HttpMethod.Get, $"/api/items/{Guid.NewGuid()}", null, HttpStatusCode.NotFound);
        Assert.Equal("Nie znaleziono", missing.GetProperty("title").GetString());
        Assert.Equal("Nic tu nie ma albo nie możesz tego zobaczyć.", missing.GetProperty("detail").GetString());

        // A sentence with a value takes its Polish form with the value in place.
        var tooLong = await Problem(HttpMethod.Get, $"/api/search?q={new string('a', 201)}", null, HttpStatusCode.BadRequest);
        Assert.Equal("Szukaj najwyżej 200 znaków.", tooLong.GetProperty("errors").GetProperty("q")[0].GetString());

        // Without a Polish browser or setting, the same problem is in English.
        var english = await mia.GetAsync($"/api/items/{Guid.NewGuid()}");
        Assert.Equal("There is nothing here, or you may not see it.", (await english.Json()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Issue11_the_teams_default_language_writes_mails_to_members_who_chose_none_and_answers_scripts()
    {
        var olivia = await _factory.ClientForAsync("olivia@acme.test");
        Assert.Equal(HttpStatusCode.BadRequest, (await olivia.PutAsJsonAsync("/api/admin/team/language", new { locale = "de" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.ClientForAsync("mia@acme.test")).PutAsJsonAsync("/api/admin/team/language", new { locale = "pl" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/team/language", new { locale = "pl" })).StatusCode);
        try
        {
            Assert.Equal("pl", (await (await olivia.GetAsync("/api/admin/team/language")).Json()).GetProperty("locale").GetString());

            // A script that says no language gets the team's; one that says English, and a member who chose English, get English.
            var mia = await _factory.ClientForAsync("mia@acme.test");
            Assert.Equal("Nie znaleziono", (await (await mia.GetAsync($"/api/items/{Guid.NewGuid()}")).Json()).GetProperty("title").GetString());
            using (var english = new HttpRequestMessage(HttpMethod.Get, $"/api/items/{Guid.NewGuid()}"))
            {
                english.Headers.Add("Accept-Language", "en");
                Assert.Equal("Not found", (await (await mia.SendAsync(english)).Json()).GetProperty("title").GetString());
            }
            var mark = await _factory.ClientForAsync("mark@acme.test");
            Assert.Equal(HttpStatusCode.OK, (await mark.PutAsJsonAsync("/api/me/language", new { locale = "en" })).StatusCode);
            Assert.Equal("Not found", (await (await mark.GetAsync($"/api/items/{Guid.NewGuid()}")).Json()).GetProperty("title").GetString());

            // A mail written by a job, to a member who chose no language: in the team's.
            var name = $"umowa-{Guid.NewGuid():N}";
            var file = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"{name}.txt", "u"u8.ToArray())).Id();
            await mia.ShareOk(new { itemIds = new[] { file }, name, allowPreview = true, expiresAt = _factory.Clock.GetUtcNow().AddHours(1) });
            _factory.Clock.Advance(TimeSpan.FromHours(2));
            using (var scope = _factory.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<TeamShare.Links.Jobs.LinkExpirySweep>().RunAsync(CancellationToken.None);
            await DispatchAsync();
            var mail = _smtp.MailsTo("mia@acme.test").Last(m => m.TextBody.Contains(name));
            Assert.StartsWith("Wygasły Twoje łącza TeamShare", mail.Subject);
            Assert.Contains("Te łącza wygasły", mail.TextBody);

            // The console page offers the choice, in the admin's language.
            var page = await PageAsync(await Browsers.SignedInAsync(_factory, "olivia@acme.test"), "/admin/members", null);
            Assert.Contains("Język zespołu", page);
        }
        finally
        {
            await olivia.PutAsJsonAsync("/api/admin/team/language", new { locale = (string?)null });
            await (await _factory.ClientForAsync("mark@acme.test")).PutAsJsonAsync("/api/me/language", new { locale = "en" });
        }
    }

    [Fact]
    public async Task Issue11_a_sharer_who_chose_Polish_is_told_of_the_first_open_in_Polish()
    {
        _factory.Clock.Restart();
        var adam = await _factory.ClientForAsync("adam@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await adam.PutAsJsonAsync("/api/me/language", new { locale = "pl" })).StatusCode);
        try
        {
            var name = $"Oferta {Guid.NewGuid():N}"[..14];
            var file = (await adam.UploadOk((await adam.PersonalSpace()).Id(), $"{name}.pdf", "%PDF"u8.ToArray())).Id();
            var share = await adam.ShareOk(new { itemIds = new[] { file }, name, allowPreview = true });
            var visitor = _factory.Anonymous();
            visitor.DefaultRequestHeaders.Add("Accept", "application/json");
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{Api.TokenOf(share.GetProperty("url").GetString()!)}")).StatusCode);
            await _factory.Services.GetRequiredService<TeamShare.SharedKernel.Publishing.BestEffort<TeamShare.Links.Contracts.LinkUsed>>().FlushAsync(CancellationToken.None);
            using (var scope = _factory.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<TeamShare.Links.Notices.SharerNoticeSweep>().RunAsync(CancellationToken.None);
            await DispatchAsync();

            var mail = Assert.Single(_smtp.MailsTo("adam@acme.test"), m => m.Subject.Contains(name));
            Assert.Equal($"Łącze „{name}” otwarto po raz pierwszy", mail.Subject);
            Assert.Contains("Zobacz wszystko, co się z nim działo", mail.TextBody);
            Assert.Contains("/notices/off?t=", mail.Headers["List-Unsubscribe"]);
        }
        finally
        {
            await adam.PutAsJsonAsync("/api/me/language", new { locale = "en" });
        }
    }
}
