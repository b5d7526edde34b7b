using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using TeamShare.Spaces.Contracts;

namespace TeamShare.IntegrationTests;

/// <summary>
/// SH-10/B9: what is shared with a member lists page by page (keyset, newest share first), in the API through Link headers
/// and on the Shared with me page, as a big folder does; ties in share time neither skip nor repeat an item.
/// </summary>
public sealed class SharedWithMePagingTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task SH10_shared_with_me_lists_in_pages_that_together_are_the_whole_list()
    {
        var name = await ShareFoldersWithMarkAsync(copies: 6);
        var mark = await factory.ClientForAsync("mark@acme.test");

        var whole = Ids(await (await mark.GetAsync("/api/shared-with-me")).Json());
        Assert.True(whole.Count >= 7, $"{whole.Count} shared");
        Assert.Equal(whole.Count, whole.Distinct().Count());
        var paged = new List<string>();
        var url = "/api/shared-with-me?limit=3";
        var pages = 0;
        while (url is not null)
        {
            var response = await mark.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = Ids(await response.Json());
            Assert.InRange(items.Count, 1, 3);
            paged.AddRange(items);
            pages++;
            url = response.Headers.TryGetValues("Link", out var links) ? Regex.Match(links.Single(), "<([^>]+)>; rel=\"next\"").Groups[1].Value : null;
        }
        Assert.Equal(whole, paged);
        Assert.Equal((whole.Count + 2) / 3, pages);
        // Newest share first: the folder shared last (after its copies) leads.
        var first = (await (await mark.GetAsync("/api/shared-with-me?limit=1")).Json()).EnumerateArray().Single();
        Assert.Equal($"{name} late", first.GetProperty("item").GetProperty("name").GetString());

        var badLimit = await mark.GetAsync("/api/shared-with-me?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.True((await badLimit.Json()).GetProperty("errors").TryGetProperty("limit", out _));
        var badCursor = await mark.GetAsync("/api/shared-with-me?limit=2&after=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.True((await badCursor.Json()).GetProperty("errors").TryGetProperty("after", out _));
    }

    [Fact]
    public async Task SH10_the_shared_with_me_page_shows_a_long_list_a_page_at_a_time()
    {
        var size = TeamShare.Spaces.Pages.FilesModel.PageSize;
        var name = await ShareFoldersWithMarkAsync(copies: size);
        var browser = await Browsers.SignedInAsync(factory, "mark@acme.test");

        var first = await browser.GetStringAsync("/shared");
        var named = new Regex(Regex.Escape(name) + @"( \d+| late)?</a>");
        // size + 2 folders of this test are shared, all newer than anything else shared with mark.
        Assert.Equal(size, named.Matches(first).Count);
        Assert.DoesNotContain("First page", first);
        var next = WebUtility.HtmlDecode(Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value);
        var second = await browser.GetStringAsync(next);
        Assert.Equal(2, named.Matches(second).Count);
        Assert.Contains("First page", second);
        var shown = named.Matches(first).Concat(named.Matches(second)).Select(m => m.Value).ToList();
        Assert.Equal(size + 2, shown.Distinct().Count());

        // A damaged address shows the first page, not an error.
        Assert.Equal(size, named.Matches(await browser.GetStringAsync("/shared?after=damaged")).Count);
    }

    /// <summary>
    /// Mia shares a folder with mark, then <paramref name="copies"/> copies of it at one moment, then one more folder; the
    /// folders' common name.
    /// </summary>
    private async Task<string> ShareFoldersWithMarkAsync(int copies)
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var mark = await (await factory.ClientForAsync("mark@acme.test")).UserIdAsync();
        var space = (await mia.PersonalSpace()).Id();
        var parent = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"parent-{Guid.NewGuid():N}" })).Json()).Id();
        var name = $"for-mark-{Guid.NewGuid():N}";
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name, parentId = parent })).Json()).Id();
        await factory.GrantAsync(folder, "user", mark, AccessRole.Viewer);
        await factory.CopyGrantedFolderAsync(folder, copies);
        var late = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"{name} late", parentId = parent })).Json()).Id();
        await factory.GrantAsync(late, "user", mark, AccessRole.Viewer);
        return name;
    }

    private static List<string> Ids(System.Text.Json.JsonElement list) =>
        list.EnumerateArray().Select(e => e.GetProperty("item").Id()).ToList();
}
