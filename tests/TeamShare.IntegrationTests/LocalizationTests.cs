using System.Net;
using System.Net.Http.Json;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 11: the pages in Polish or English: the member's own choice, else the browser's, else English.</summary>
public sealed class LocalizationTests() : WithMailServer(startSmtp: true)
{
    private static async Task<string> PageAsync(HttpClient client, string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null) request.Headers.Add("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
}
