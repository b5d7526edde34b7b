using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Net;
using System.Net.Http.Headers;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 12: a browser gets errors as a page a person can read; scripts and the API keep RFC 7807 JSON.</summary>
public sealed class HtmlErrorPageTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private static HttpRequestMessage AsBrowser(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }

    [Fact]
    public async Task Issue12_a_mistyped_address_is_a_readable_page_with_a_way_on()
    {
        var response = await factory.Anonymous().SendAsync(AsBrowser("/no-such-page"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1 class=\"h3\">Not found</h1>", html);
        Assert.Contains("href=\"/signin?ReturnUrl=%2Fno-such-page\"", html);
        Assert.DoesNotContain("\"status\"", html);
    }

    [Fact]
    public async Task Issue28_an_error_page_has_the_header_with_the_language_switch_and_switching_reads_it_in_polish()
    {
        var visitor = factory.Client();
        var response = await visitor.SendAsync(AsBrowser("/no-such-page?x=1"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<header", html);
        Assert.Contains("href=\"/\">TeamShare</a>", html);
        Assert.Contains("action=\"/account/language\"", html);

        // The switch works from here, as the layout's does, and leads back to the same address, now in Polish.
        var switched = await visitor.PostAsync("/account/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["locale"] = "pl", ["returnUrl"] = "/no-such-page?x=1", ["__RequestVerificationToken"] = Browsers.FormToken(html),
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/no-such-page?x=1", switched.Headers.Location?.OriginalString);
        var polish = await (await visitor.SendAsync(AsBrowser("/no-such-page?x=1"))).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"pl\"", polish);
        Assert.Contains("<option value=\"pl\" lang=\"pl\" selected>", polish);
    }

    [Fact]
    public async Task Issue12_a_deleted_or_foreign_item_page_is_a_readable_404_for_a_signed_in_member()
    {
        var mia = await Browsers.SignedInAsync(factory, "mia@acme.test");
        var response = await mia.SendAsync(AsBrowser($"/items/{Guid.NewGuid()}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Not found", html);
        Assert.Contains("Go to your files", html);
    }

    [Fact]
    public async Task Issue12_a_link_refusal_reached_by_a_browser_reads_as_a_page_and_the_api_stays_json()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var item = (await mia.UploadOk(space, "preview-only.txt", "look"u8.ToArray())).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item }, allowDownload = false })).GetProperty("url").GetString()!);

        var page = await factory.Anonymous().SendAsync(AsBrowser($"/s/{token}/items/{item}/download"));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This link does not allow downloading; you can preview only.", await page.Content.ReadAsStringAsync());

        var api = await mia.SendAsync(AsBrowser($"/api/items/{Guid.NewGuid()}"));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var script = await factory.Anonymous().SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/s/{token}/items/{item}/download")
            { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } } });
        Assert.Equal("application/problem+json", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Issue12_download_csv_after_filter_in_sharing_activity_gives_the_csv()
    {
        var adam = await Browsers.SignedInAsync(factory, "adam@acme.test");
        var page = await adam.GetStringAsync("/admin/activity?From=&To=&Kind=");
        var href = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/api/admin/activity.csv[^\"]*)\"").Groups[1].Value;
        var csv = await adam.GetAsync(System.Net.WebUtility.HtmlDecode(href));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("time,actor,kind", await csv.Content.ReadAsStringAsync());

        var filtered = await adam.GetStringAsync("/admin/activity?From=2020-01-01&To=&Kind=link_created");
        var filteredHref = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(filtered, "href=\"(/api/admin/activity.csv[^\"]*)\"").Groups[1].Value);
        Assert.Equal("/api/admin/activity.csv?from=2020-01-01&kind=link_created", filteredHref);
        Assert.Equal(HttpStatusCode.OK, (await adam.GetAsync(filteredHref)).StatusCode);
    }

    [Fact]
    public async Task Issue12_sharing_activity_names_people_and_departments_instead_of_raw_ids()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "for-names.txt", "n"u8.ToArray())).Id();
        var adam = await factory.ClientForAsync("adam@acme.test");
        var mark = (await (await adam.GetAsync("/api/admin/members")).Json()).EnumerateArray().Single(m => m.GetProperty("email").GetString() == "mark@acme.test").Id();
        var engineering = (await (await adam.GetAsync("/api/admin/departments")).Json()).EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Engineering").Id();
        var sent = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = new object[] { new { kind = "user", id = mark }, new { kind = "department", id = engineering } }, role = "viewer",
        });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        var rows = (await (await adam.GetAsync("/api/admin/activity?kind=invitation_sent")).Json()).EnumerateArray()
            .Where(r => r.GetProperty("details").GetString() == "for-names.txt").ToList();
        Assert.Contains(rows, r => r.GetProperty("targetName").GetString() == "Mark Member" && r.GetProperty("target").GetString() == $"user:{mark}");
        Assert.Contains(rows, r => r.GetProperty("targetName").GetString() == "Engineering (department)");
        var page = await (await Browsers.SignedInAsync(factory, "adam@acme.test")).GetStringAsync("/admin/activity?Kind=invitation_sent");
        Assert.Contains("<td>Mark Member</td>", page);
        Assert.DoesNotContain($"user:{mark}", page);

        // Issue 28: filtered by person on the page (and in its CSV link), as the API's actor filter does.
        var members = (await (await adam.GetAsync("/api/admin/members")).Json()).EnumerateArray().ToList();
        string IdOf(string email) => members.Single(m => m.GetProperty("email").GetString() == email).Id();
        var adams = await Browsers.SignedInAsync(factory, "adam@acme.test");
        var byMia = await adams.GetStringAsync($"/admin/activity?Kind=invitation_sent&Actor={IdOf("mia@acme.test")}");
        Assert.Contains($"<option value=\"{IdOf("mia@acme.test")}\" selected=\"selected\">Mia Member</option>", byMia);
        Assert.Contains("<td>Mark Member</td>", byMia);
        Assert.Contains($"actor={IdOf("mia@acme.test")}", byMia);
        var byAdam = await adams.GetStringAsync($"/admin/activity?Kind=invitation_sent&Actor={IdOf("adam@acme.test")}");
        Assert.DoesNotContain("<td>Mark Member</td>", byAdam);
    }

    [Fact]
    public async Task Issue28_the_activity_log_names_links_items_and_settings_in_words_on_the_page_and_in_the_csv()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "audit-plan.txt", "a"u8.ToArray())).Id();
        var share = await mia.ShareOk(new { itemIds = new[] { item }, name = "Audit link for the board" });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await factory.Anonymous().GetAsync($"/s/{token}/items/{item}/download")).StatusCode);
        await factory.Services.GetRequiredService<TeamShare.SharedKernel.Publishing.BestEffort<TeamShare.Links.Contracts.LinkUsed>>().FlushAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/shares/{share.Id()}", new { remarks = "for Friday" })).StatusCode);
        await factory.ChangePolicyAsync(settings => settings["requireRecipientCode"] = true);
        await factory.ChangePolicyAsync(settings => settings["requireRecipientCode"] = false);

        var adam = await Browsers.SignedInAsync(factory, "adam@acme.test");
        var page = System.Net.WebUtility.HtmlDecode(await adam.GetStringAsync("/admin/activity"));
        var body = page[page.IndexOf("<main", StringComparison.Ordinal)..];
        Assert.Matches("<td>link downloaded</td><td>Audit link for the board</td><td></td><td><a href=\"/admin/activity\\?Item=[^\"]+\"[^>]*>audit-plan.txt</a></td>", body);
        Assert.Contains("<td>link created</td><td>Audit link for the board</td><td></td><td>1 item</td>", body);
        Assert.Contains("<td>link modified</td><td>Audit link for the board</td><td></td><td>remarks</td>", body);
        Assert.Contains("<td>People outside the team confirm their address with a mailed code</td><td></td><td>on → off</td>", body);
        foreach (var raw in new[] { "|activity", "item(s)", "RequireRecipientCode", "True", $">{item}<" })
            Assert.DoesNotContain(raw, body);

        // Filtered by the item (a click on its name): its link's creation, change and use, nothing about another item.
        var other = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "not-this-one.txt", "o"u8.ToArray())).Id();
        await mia.ShareOk(new { itemIds = new[] { other }, name = "Another link" });
        var about = (await (await factory.ClientForAsync("adam@acme.test")).GetAsync($"/api/admin/activity?item={item}")).Json();
        Assert.Equal(["link_created", "link_downloaded", "link_modified"], (await about).EnumerateArray().Select(r => r.GetProperty("kind").GetString()).Order());
        var aboutPage = System.Net.WebUtility.HtmlDecode(await adam.GetStringAsync($"/admin/activity?Item={item}"));
        Assert.Contains("Only what is about audit-plan.txt: its shares, and the links that share it.", aboutPage);
        Assert.DoesNotContain("Another link", aboutPage);
        Assert.Contains($"item={item}", aboutPage); // the CSV link keeps the filter

        var csv = await (await factory.ClientForAsync("adam@acme.test")).GetStringAsync("/api/admin/activity.csv?kind=link_downloaded");
        Assert.Contains($",{item},,Audit link for the board,audit-plan.txt\r\n", csv); // details as recorded, no target, then the words
    }
}
