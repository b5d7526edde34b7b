using Microsoft.Extensions.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace TeamShare.IntegrationTests;

/// <summary>SP-1/B9: a big folder lists page by page (keyset), in the API through Link headers and on the files page.</summary>
public sealed class FolderPagingTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task SP1_a_folder_lists_in_pages_that_together_are_the_whole_listing()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"paged-{Guid.NewGuid():N}" })).Json()).Id();
        foreach (var name in new[] { "beta", "Alpha", "gamma" })
            Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name, parentId = folder })).StatusCode);
        foreach (var name in new[] { "b.txt", "A.txt", "c.txt", "a2.txt" })
            Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, name, new MemoryStream("x"u8.ToArray()), folder)).StatusCode);

        var whole = (await (await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}")).Json()).EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal(7, whole.Count);
        var paged = new List<string?>();
        var url = $"/api/spaces/{space}/items?parentId={folder}&limit=2";
        var pages = 0;
        while (url is not null)
        {
            var response = await mia.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = (await response.Json()).EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
            Assert.InRange(items.Count, 1, 2);
            paged.AddRange(items);
            pages++;
            url = response.Headers.TryGetValues("Link", out var links) ? Regex.Match(links.Single(), "<([^>]+)>; rel=\"next\"").Groups[1].Value : null;
        }
        Assert.Equal(4, pages);
        Assert.Equal(whole, paged);

        var badLimit = await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.True((await badLimit.Json()).GetProperty("errors").TryGetProperty("limit", out _));
        var badCursor = await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}&limit=2&after=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.True((await badCursor.Json()).GetProperty("errors").TryGetProperty("after", out _));
    }

    [Fact]
    public async Task SP1_the_files_page_shows_a_big_folder_a_page_at_a_time()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"big-{Guid.NewGuid():N}" })).Json()).Id();
        for (var i = 0; i <= TeamShare.Spaces.Pages.FilesModel.PageSize; i++)
            Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"f-{i:000}", parentId = folder })).StatusCode);

        var browser = await Browsers.SignedInAsync(factory, "mia@acme.test");
        var first = await browser.GetStringAsync($"/files?space={space}&folder={folder}");
        // Rows carry data-name (the move/copy picker lists every folder, so the bare name is not enough).
        Assert.Contains("data-name=\"f-499\"", first);
        Assert.DoesNotContain("data-name=\"f-500\"", first);
        var next = WebUtility.HtmlDecode(Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value);
        var second = await browser.GetStringAsync(next);
        Assert.Contains("data-name=\"f-500\"", second);
        Assert.DoesNotContain("data-name=\"f-499\"", second);
        Assert.Contains("First page", second);
    }

    [Fact]
    public async Task Issue28_names_list_in_natural_order_page_by_page_both_ways_also_for_items_saved_before_it()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"natural-{Guid.NewGuid():N}" })).Json()).Id();
        string[] natural = ["f1.txt", "F2.txt", "f9.txt", "f10.txt", "f99.txt", "f100.txt", "report 2.txt", "report 10.txt"];
        foreach (var name in natural.Reverse())
            Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, name, new MemoryStream("x"u8.ToArray()), folder)).StatusCode);

        async Task<List<string?>> Listed(string sort)
        {
            var all = new List<string?>();
            var url = $"/api/spaces/{space}/items?parentId={folder}&sort={sort}&limit=3";
            while (url is not null)
            {
                var response = await mia.GetAsync(url);
                all.AddRange((await response.Json()).EnumerateArray().Select(i => i.GetProperty("name").GetString()));
                url = response.Headers.TryGetValues("Link", out var links) ? Regex.Match(links.First(), "<([^>]+)>; rel=\"next\"").Groups[1].Value : null;
                if (url == "") url = null;
            }
            return all;
        }
        Assert.Equal(natural, await Listed("name"));
        Assert.Equal(natural.Reverse(), await Listed("name-desc"));
        Assert.Equal(natural, await Listed("size")); // equal sizes: by name, naturally

        // Items saved before natural order had no sort key: the next start gives them one.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeamShare.Spaces.Data.SpacesDbContext>();
            var parent = Guid.Parse(folder);
            await db.Items.Where(i => i.ParentId == parent).ExecuteUpdateAsync(s => s.SetProperty(i => i.SortKey, ""));
        }
        await new TeamShare.Spaces.Items.SortKeyBackfill(factory.Services.GetRequiredService<IServiceScopeFactory>(),
            factory.Services.GetRequiredService<IHostApplicationLifetime>(), NullLogger<TeamShare.Spaces.Items.SortKeyBackfill>.Instance)
            .RunAsync(CancellationToken.None);
        Assert.Equal(natural, await Listed("name"));
    }
}
