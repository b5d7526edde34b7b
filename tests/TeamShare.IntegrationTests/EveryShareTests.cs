using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 28: My Shares lists every share (links, team members, outside addresses) and each is changed or revoked from there.</summary>
public sealed class EveryShareTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient browser, string handler, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = Browsers.FormToken(await browser.GetStringAsync("/shares"));
        return await browser.PostAsync($"/shares?handler={handler}", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Issue28_my_shares_lists_an_internal_share_an_external_invitation_and_a_link_and_each_is_revoked_from_there()
    {
        await factory.AllowAnyoneByEmailAsync();
        var mia = await factory.ClientForAsync("mia@acme.test");
        var markClient = await factory.ClientForAsync("mark@acme.test");
        var file = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "budget-2027.txt", "numbers"u8.ToArray())).Id();
        var other = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "holiday.txt", "sun"u8.ToArray())).Id();
        var invited = await (await mia.PostAsJsonAsync($"/api/items/{file}/invitations", new
        {
            recipients = new object[] { new { kind = "user", id = await markClient.UserIdAsync() }, new { kind = "external", email = "auditor@example.org" } },
            role = "viewer", acknowledgeExternal = true,
        })).Json();
        var outsideLink = new Uri(Str(invited.GetProperty("externalLinks")[0], "url")).PathAndQuery;
        Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync($"/api/items/{other}/invitations", new
        {
            recipients = new object[] { new { kind = "organisation" } }, role = "viewer",
        })).StatusCode);
        var link = await mia.ShareOk(new { itemIds = new[] { file }, name = "Budget for the board" });

        // The API: what Mia shared with people, newest first, found by (part of) the item's name in any case.
        var people = (await (await mia.GetAsync("/api/shares/people?name=BUDGET")).Json()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["external", "user"], people.Select(p => Str(p, "kind")).Order());
        var mark = people.Single(p => Str(p, "kind") == "user");
        var outsider = people.Single(p => Str(p, "kind") == "external");
        Assert.Equal(("budget-2027.txt", "viewer", "active", file), (Str(mark, "itemName"), Str(mark, "role"), Str(mark, "status"), Str(mark, "itemId")));
        Assert.Equal(("auditor@example.org", "active"), (Str(outsider, "recipient"), Str(outsider, "status")));
        Assert.Equal(JsonValueKind.String, outsider.GetProperty("expiresAt").ValueKind);
        var everyone = (await (await mia.GetAsync("/api/shares/people?name=holiday")).Json()).GetProperty("items");
        Assert.Equal(("organisation", "Everyone"), (Str(everyone[0], "kind"), Str(everyone[0], "recipient")));

        // One at a time, the cursor walks all three exactly once.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await mia.GetAsync($"/api/shares/people?pageSize=1{(cursor is null ? "" : $"&cursor={cursor}")}")).Json();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.Id()));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(3, seen.Distinct().Count());
        Assert.Equal(3, seen.Count);
        var refused = await mia.GetAsync("/api/shares/people?status=gone");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(0, (await (await markClient.GetAsync("/api/shares/people")).Json()).GetProperty("items").GetArrayLength());

        // The page: the link and both people in one list; "Links" alone shows only the link.
        var browser = await Browsers.SignedInAsync(factory, "mia@acme.test");
        var html = await browser.GetStringAsync("/shares?name=budget");
        Assert.Contains("Budget for the board", html);
        Assert.Contains(WebUtility.HtmlEncode(Str(mark, "recipient")), html);
        Assert.Contains("auditor@example.org", html);
        html = await browser.GetStringAsync("/shares?name=budget&kind=links");
        Assert.Contains("Budget for the board", html);
        Assert.DoesNotContain("auditor@example.org", html);

        // Mark becomes an editor from there, then loses access; the outsider's link stops; the link is canceled.
        Assert.Equal(HttpStatusCode.OK, (await PostPageAsync(browser, "Role", new() { ["itemId"] = file, ["shareId"] = mark.Id(), ["role"] = "editor" })).StatusCode);
        var access = (await (await mia.GetAsync($"/api/items/{file}/access")).Json()).EnumerateArray();
        Assert.Equal("editor", Str(access.Single(a => a.GetProperty("grantId").GetString() == mark.Id()), "role"));
        Assert.Equal(HttpStatusCode.OK, (await markClient.GetAsync($"/api/items/{file}")).StatusCode);
        var revoked = await PostPageAsync(browser, "Revoke", new() { ["itemId"] = file, ["shareId"] = mark.Id() });
        Assert.Contains("Access revoked.", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await markClient.GetAsync($"/api/items/{file}")).StatusCode);

        var stranger = factory.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(outsideLink)).StatusCode);
        await PostPageAsync(browser, "Revoke", new() { ["itemId"] = file, ["shareId"] = outsider.Id() });
        Assert.Equal(HttpStatusCode.Gone, (await stranger.GetAsync(outsideLink)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{link.Id()}")).StatusCode);

        // What is left: the outsider's share, revoked (kept, as a canceled link is), and the canceled link; Mark's grant is gone.
        html = await browser.GetStringAsync("/shares?name=budget");
        Assert.DoesNotContain(WebUtility.HtmlEncode(Str(mark, "recipient")), html);
        Assert.Contains("canceled", html);
        people = (await (await mia.GetAsync("/api/shares/people?status=revoked")).Json()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(outsider.Id(), Assert.Single(people).Id());
        Assert.False(people[0].GetProperty("canManage").GetBoolean());
        var refusedAgain = await PostPageAsync(browser, "Revoke", new() { ["itemId"] = file, ["shareId"] = mark.Id() });
        Assert.Contains("That share is gone", await refusedAgain.Content.ReadAsStringAsync());
    }
}
