using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TeamShare.IntegrationTests;

/// <summary>ID-1: a Globex member (an owner, so admin routes are open to him) reaches nothing of Acme through any route.</summary>
public sealed class IsolationTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private sealed record Acme(string Space, string File, string Folder, string Share, Guid Mia, Guid Engineering, string TeamSpace, string Grant);

    private async Task<Acme> ArrangeAcmeAsync()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var file = (await mia.UploadOk(space, "acme-secret.txt", "secret"u8.ToArray())).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "Acme folder" })).Json()).Id();
        var share = (await mia.ShareOk(new { itemIds = new[] { file } })).Id();
        var departments = await (await olivia.GetAsync("/api/admin/departments")).Json();
        var engineering = Guid.Parse(departments.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Engineering").Id());
        var spaces = await (await olivia.GetAsync("/api/admin/spaces")).Json();
        var teamSpace = spaces[0];
        return new Acme(space, file, folder, share, await mia.UserIdAsync(), engineering, teamSpace.Id(),
            teamSpace.GetProperty("access")[0].GetProperty("grantId").GetString()!);
    }

    [Fact]
    public async Task ID1_every_route_answers_404_for_another_teams_ids_and_changes_nothing()
    {
        var acme = await ArrangeAcmeAsync();
        var gary = await factory.ClientForAsync("gary@globex.test");
        var garyId = await gary.UserIdAsync();
        var body = JsonContent.Create(new { name = "x", parentId = acme.Folder, role = "editor", kind = "user", id = garyId });

        (HttpMethod Method, string Route)[] routes =
        [
            (HttpMethod.Get, $"/api/items/{acme.File}"),
            (HttpMethod.Get, $"/api/items/{acme.File}/content"),
            (HttpMethod.Get, $"/api/items/{acme.File}/preview"),
            (HttpMethod.Get, $"/api/items/{acme.File}/versions"),
            (HttpMethod.Put, $"/api/items/{acme.File}/content"),
            (HttpMethod.Patch, $"/api/items/{acme.File}"),
            (HttpMethod.Post, $"/api/items/{acme.File}/copy"),
            (HttpMethod.Delete, $"/api/items/{acme.File}"),
            (HttpMethod.Post, $"/api/items/{acme.File}/restore"),
            (HttpMethod.Post, $"/api/items/{acme.File}/versions/1/restore"),
            (HttpMethod.Delete, $"/api/trash/{acme.File}"),
            (HttpMethod.Get, $"/api/spaces/{acme.Space}/items"),
            (HttpMethod.Get, $"/api/spaces/{acme.Space}/items?parentId={acme.Folder}"),
            (HttpMethod.Post, $"/api/spaces/{acme.Space}/folders"),
            (HttpMethod.Post, $"/api/spaces/{acme.Space}/files"),
            (HttpMethod.Get, $"/api/shares/{acme.Share}"),
            (HttpMethod.Patch, $"/api/admin/members/{acme.Mia}"),
            (HttpMethod.Delete, $"/api/admin/members/{acme.Mia}?transferTo={garyId}"),
            (HttpMethod.Put, $"/api/admin/departments/{acme.Engineering}/members/{garyId}"),
            (HttpMethod.Delete, $"/api/admin/departments/{acme.Engineering}/members/{acme.Mia}"),
            (HttpMethod.Delete, $"/api/admin/departments/{acme.Engineering}"),
            (HttpMethod.Post, $"/api/admin/spaces/{acme.TeamSpace}/access"),
            (HttpMethod.Delete, $"/api/admin/spaces/{acme.TeamSpace}/access/{acme.Grant}"),
        ];
        foreach (var (method, route) in routes)
        {
            var request = new HttpRequestMessage(method, route);
            if (method != HttpMethod.Get && method != HttpMethod.Delete) request.Content = route.EndsWith("/files")
                ? new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", "x.txt" } }
                : body;
            var response = await gary.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
                $"{method} {route} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("acme-secret", await response.Content.ReadAsStringAsync());
        }

        var shareAttempt = await gary.PostAsJsonAsync("/api/shares", new { itemIds = new[] { acme.File } });
        Assert.Equal(HttpStatusCode.BadRequest, shareAttempt.StatusCode);

        // Nothing of Acme changed, and Mia still has everything.
        var mia = await factory.ClientForAsync("mia@acme.test");
        Assert.Equal("secret", await mia.GetStringAsync($"/api/items/{acme.File}/content"));
        Assert.StartsWith("acme-secret", (await (await mia.GetAsync($"/api/items/{acme.File}")).Json()).GetProperty("name").GetString());
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var members = await olivia.GetStringAsync("/api/admin/members");
        Assert.DoesNotContain("gary", members);
        Assert.Contains("mia@acme.test", members);
    }

    [Theory]
    [InlineData("/api/directory/search?q=mia")]
    [InlineData("/api/directory/search?q=Engineering")]
    [InlineData("/api/directory/search?q=")]
    [InlineData("/api/admin/members")]
    [InlineData("/api/admin/departments")]
    [InlineData("/api/admin/spaces")]
    [InlineData("/api/spaces")]
    [InlineData("/api/shared-with-me")]
    [InlineData("/api/trash")]
    public async Task ID1_lists_and_searches_show_nothing_of_another_team(string route)
    {
        await ArrangeAcmeAsync();
        var gary = await factory.ClientForAsync("gary@globex.test");
        var text = await gary.GetStringAsync(route);
        foreach (var acmeWord in new[] { "acme", "Acme", "Engineering", "Mia", "Olivia" })
            Assert.DoesNotContain(acmeWord, text);
    }

    [Fact]
    public async Task ID6_an_address_of_another_team_is_offered_only_as_external()
    {
        var gary = await factory.ClientForAsync("gary@globex.test");
        var results = await (await gary.GetAsync("/api/directory/search?q=mia@acme.test")).Json();
        var entry = Assert.Single(results.EnumerateArray().Where(e => e.GetProperty("kind").GetString() != "organisation"));
        Assert.Equal("external", entry.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("id").ValueKind);
    }
}
