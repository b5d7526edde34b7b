using System.Net;
using System.Net.Http.Json;
using TeamShare.Spaces.Contracts;

namespace TeamShare.IntegrationTests;

/// <summary>LK-7: a link never outlives its creator's right to share what it shows (Editor or Owner through SP-8).</summary>
public sealed class LinkSharerTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task LK7_a_link_works_only_while_its_creator_can_still_share_the_item()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"for-mark-{Guid.NewGuid():N}" })).Json()).Id();
        var file = (await (await mia.Upload(space, "brief.txt", new MemoryStream("brief"u8.ToArray()), folder)).Json()).Id();
        var mark = await factory.ClientForAsync("mark@acme.test");
        var grant = await factory.GrantAsync(folder, "user", await mark.UserIdAsync(), AccessRole.Editor);
        var token = Api.TokenOf((await mark.ShareOk(new { itemIds = new[] { file } })).GetProperty("url").GetString()!);

        async Task<HttpStatusCode> Open() =>
            (await factory.Anonymous().SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/s/{token}") { Headers = { { "Accept", "application/json" } } })).StatusCode;
        Assert.Equal(HttpStatusCode.OK, await Open());
        Assert.Equal(HttpStatusCode.NoContent, (await mia.PatchAsJsonAsync($"/api/items/{folder}/access/{grant}", new { role = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, await Open());
        Assert.Equal(HttpStatusCode.NoContent, (await mia.PatchAsJsonAsync($"/api/items/{folder}/access/{grant}", new { role = "editor" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Open());
    }
}
