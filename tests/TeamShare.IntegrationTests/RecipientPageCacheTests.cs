using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Contracts;
using TeamShare.SharedKernel.Publishing;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 24.3: a link page opened by visitors who are not signed in is served from what an earlier open rendered (the
/// response says so with an <c>Age</c> header), exactly where every such visitor would get the same page, and each open
/// is still recorded for the sharer. The changes a link open can see are pinned by <see cref="LinkCacheTests"/>.
/// </summary>
public sealed class RecipientPageCacheTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private async Task<(HttpClient Mia, string Share, string Token)> LinkAsync(object? settings = null, string? item = null)
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        item ??= (await mia.UploadOk(space, $"page-{Guid.NewGuid():N}.txt", "a page"u8.ToArray())).Id();
        var fields = new Dictionary<string, object?> { ["itemIds"] = new[] { item } };
        foreach (var p in (settings ?? new { }).GetType().GetProperties()) fields[p.Name] = p.GetValue(settings);
        var share = await mia.ShareOk(fields);
        return (mia, share.Id(), Api.TokenOf(share.GetProperty("url").GetString()!));
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path, string? accept = null, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.Add("Accept", accept);
        if (language is not null) request.Headers.Add("Accept-Language", language);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Opens until the page comes from the cache (the first open reads the link, the second renders and keeps it). On
    /// PostgreSQL the instance hears its own earlier writes (the link made, the file uploaded) again a moment after their
    /// commit, which drops what was kept in between: the opens start once everything written so far has been heard.
    /// </summary>
    private async Task<HttpResponseMessage> CachedAsync(HttpClient client, string path, string? accept = null, string? language = null)
    {
        await ChangeFeedWaits.HeardSoFarAsync(factory);
        for (var open = 0; open < 3; open++)
        {
            var response = await OpenAsync(client, path, accept, language);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Headers.Age is not null) return response;
        }
        throw new Xunit.Sdk.XunitException($"{path} was rendered at every open");
    }

    [Fact]
    public async Task LK7_a_link_page_opened_again_by_visitors_not_signed_in_is_the_same_page_from_its_rendering_and_each_open_is_recorded()
    {
        var (mia, share, token) = await LinkAsync(new { remarks = "for the partners" });
        var visitor = factory.Anonymous();
        var first = await OpenAsync(visitor, $"/s/{token}");
        var html = await first.Content.ReadAsStringAsync();
        Assert.Null(first.Headers.Age);
        var cached = await CachedAsync(visitor, $"/s/{token}");
        Assert.Equal(html, await cached.Content.ReadAsStringAsync());
        // What a link page promises recipients holds for a rendering too: not stored by browsers or proxies, not indexed.
        Assert.Equal("no-referrer", cached.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", cached.Headers.CacheControl!.ToString());
        Assert.False(cached.Headers.Contains("Set-Cookie"));
        // The page hands out no anti-forgery token: it is the same for every visitor, so it can carry nobody's.
        Assert.DoesNotContain("__RequestVerificationToken", html);

        var json = await CachedAsync(visitor, $"/s/{token}", "application/json");
        Assert.Equal("for the partners", (await json.Json()).GetProperty("remarks").GetString());

        await factory.Services.GetRequiredService<BestEffort<LinkUsed>>().FlushAsync(CancellationToken.None);
        var timeline = await (await mia.GetAsync($"/api/shares/{share}/events")).Json();
        var opens = timeline.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "opened");
        Assert.True(opens >= 4, $"{opens} opens recorded, every open counts");
    }

    [Fact]
    public async Task LK7_the_page_cache_keeps_languages_forms_folders_and_tokens_apart_and_never_serves_members_or_guarded_links()
    {
        var (mia, _, token) = await LinkAsync();
        var visitor = factory.Anonymous();
        await CachedAsync(visitor, $"/s/{token}", language: "en");
        Assert.Contains("lang=\"pl\"", await (await CachedAsync(visitor, $"/s/{token}", language: "pl")).Content.ReadAsStringAsync());
        Assert.Contains("lang=\"en\"", await (await CachedAsync(visitor, $"/s/{token}", language: "en")).Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, (await (await CachedAsync(visitor, $"/s/{token}", "application/json")).Json()).ValueKind);

        // A token is its exact letters: one that differs only in case names no link, whatever was rendered for the other.
        var otherCase = new string(token.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
        var wrong = await OpenAsync(visitor, $"/s/{otherCase}");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);

        // A folder link: the folder's own page and a subfolder's are apart, and an upload into it shows at the next open.
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"cached-{Guid.NewGuid():N}" })).Json()).Id();
        var inner = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "inner", parentId = folder })).Json()).Id();
        var (_, _, folderToken) = await LinkAsync(item: folder);
        var top = await (await CachedAsync(visitor, $"/s/{folderToken}")).Content.ReadAsStringAsync();
        Assert.Contains("inner", top);
        Assert.Contains("This folder is empty.", await (await CachedAsync(visitor, $"/s/{folderToken}?folder={inner}")).Content.ReadAsStringAsync());
        await mia.UploadOk(space, "arrived.txt", "new"u8.ToArray(), inner);
        for (var open = 0; open < 3; open++)
            Assert.Contains("arrived.txt", await (await OpenAsync(visitor, $"/s/{folderToken}?folder={inner}")).Content.ReadAsStringAsync());

        // A signed-in member gets their own page, rendered for them.
        var mark = await factory.ClientForAsync("mark@acme.test");
        for (var open = 0; open < 3; open++) Assert.Null((await OpenAsync(mark, $"/s/{token}")).Headers.Age);

        // A password and a preview limit are the visitor's and the count's: such pages are rendered at every open.
        var (_, _, locked) = await LinkAsync(new { password = "Abc123" });
        var (_, _, limited) = await LinkAsync(new { previewLimit = 100 });
        for (var open = 0; open < 3; open++)
        {
            Assert.Null((await OpenAsync(visitor, $"/s/{locked}")).Headers.Age);
            Assert.Null((await OpenAsync(visitor, $"/s/{limited}")).Headers.Age);
        }
    }

    [Fact]
    public async Task Issue11_a_visitor_switches_language_without_a_token_and_a_members_switch_still_needs_one()
    {
        var visitor = factory.Client();
        var switched = await visitor.PostAsync("/account/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["locale"] = "pl", ["returnUrl"] = "/signin",
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("lang=\"pl\"", await visitor.GetStringAsync("/signin"));

        // A member's choice is written to their account: a post from another site (no token) changes nothing.
        var eve = await Browsers.SignedInAsync(factory, "eve@acme.test");
        var forged = await eve.PostAsync("/account/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["locale"] = "pl", ["returnUrl"] = "/files",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("lang=\"en\"", await eve.GetStringAsync("/files"));
    }
}
