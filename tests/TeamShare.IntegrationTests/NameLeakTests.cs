using System.Net;
using System.Net.Http.Json;
using TeamShare.Spaces.Contracts;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 14 finding 4: a member sees the names only of what SP-8 lets them open. Move/copy pickers, breadcrumbs and the
/// "inherited from" of people with access never name a folder above that they would get a 404 on.
/// </summary>
public sealed class NameLeakTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task SP8_pickers_breadcrumbs_and_inherited_access_name_only_folders_the_viewer_may_open()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        async Task<string> Folder(string name, string? parent = null) =>
            (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name, parentId = parent })).Json()).Id();
        var secret = await Folder("Merger Talks");
        var board = await Folder("Board Minutes", secret);
        var drop = await Folder("Team Drop");
        Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, "notes.txt", new MemoryStream("x"u8.ToArray()), drop)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, "agenda.txt", new MemoryStream("x"u8.ToArray()), board)).StatusCode);
        var mark = await factory.ClientForAsync("mark@acme.test");
        var eve = await factory.ClientForAsync("eve@acme.test");
        await factory.GrantAsync(drop, "user", await mark.UserIdAsync(), AccessRole.Editor);
        await factory.GrantAsync(board, "user", await mark.UserIdAsync(), AccessRole.Editor);
        await factory.GrantAsync(secret, "user", await eve.UserIdAsync(), AccessRole.Viewer);

        var browser = await Browsers.SignedInAsync(factory, "mark@acme.test");
        var page = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync($"/files?space={space}&folder={drop}"));
        Assert.Contains("/Team Drop", page);
        Assert.Contains("…/Board Minutes", page);
        Assert.DoesNotContain("Merger Talks", page);

        var inside = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync($"/files?space={space}&folder={board}"));
        Assert.Contains("Board Minutes", inside);
        Assert.Contains("A folder you cannot open", inside);
        Assert.DoesNotContain("Merger Talks", inside);

        // Eve's access comes from the folder above; Mark is told where it comes from without its name. Mia sees the name.
        static async Task<List<string?>> Inherited(HttpClient c, string item) =>
            (await (await c.GetAsync($"/api/items/{item}/access")).Json()).EnumerateArray()
            .Where(e => e.TryGetProperty("inheritedFrom", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String)
            .Select(e => e.GetProperty("inheritedFrom").GetString()).ToList();
        Assert.Equal(["a folder above"], await Inherited(mark, board));
        Assert.Equal(["Merger Talks"], await Inherited(mia, board));
    }
}
