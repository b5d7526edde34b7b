using System.Net;
using System.Net.Http.Json;

namespace TeamShare.IntegrationTests;

/// <summary>ID-2/3/4/6/7/8 through the admin API, the directory and token management.</summary>
public sealed class MemberTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public async Task ID2_operators_add_members_with_a_password_addresses_are_unique_and_members_cannot_manage()
    {
        // Olivia is the demo team's owner and a server operator: only operators make an account with a password directly.
        var admin = await factory.ClientForAsync("olivia@acme.test");
        var email = $"new-{Guid.NewGuid():N}@acme.test";
        var added = await admin.PostAsJsonAsync("/api/admin/members", new { email, displayName = "New Person", password = "long-enough-1", role = "member" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var again = await admin.PostAsJsonAsync("/api/admin/members", new { email = email.ToUpperInvariant(), displayName = "Twin", password = "long-enough-1" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True((await again.Json()).GetProperty("errors").TryGetProperty("email", out _));
        var badPassword = await admin.PostAsJsonAsync("/api/admin/members", new { email = $"x{email}", displayName = "X", password = "short" });
        Assert.True((await badPassword.Json()).GetProperty("errors").TryGetProperty("password", out _));

        var newcomer = await factory.ClientForAsync(email, "long-enough-1");
        Assert.Equal("member", (await (await newcomer.GetAsync("/api/me")).Json()).GetProperty("role").GetString());
        var member = await factory.ClientForAsync("mia@acme.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/admin/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/admin/members", new { email = "z@acme.test" })).StatusCode);
    }

    [Fact]
    public async Task Issue12_every_admin_console_page_keeps_the_consoles_sections_beside_it_and_marks_the_current_one()
    {
        var adam = await Browsers.SignedInAsync(factory, "adam@acme.test");
        foreach (var (path, label) in new[] { ("/admin/members", "Members"), ("/admin/policy", "Sharing policy"), ("/admin/mail", "Mail delivery"), ("/admin/links", "Link domain") })
        {
            var html = await adam.GetStringAsync(path);
            var nav = html[html.IndexOf("<nav aria-label=\"Admin console\"", StringComparison.Ordinal)..];
            nav = nav[..nav.IndexOf("</nav>", StringComparison.Ordinal)];
            foreach (var section in new[] { "Members", "Departments", "Team spaces", "Sharing policy", "Approved list", "Link domain", "Team chat", "Sharing activity", "Mail delivery" })
                Assert.Contains($">{section}</a>", nav);
            Assert.Matches($"aria-current=\"page\" href=\"{path}\">{label}</a>", nav);
            Assert.DoesNotContain("Background jobs", nav); // Adam is no operator
        }
        var member = await Browsers.SignedInAsync(factory, "mia@acme.test");
        Assert.DoesNotContain("aria-label=\"Admin console\"", await member.GetStringAsync("/files"));
    }

    [Fact]
    public async Task ID3_only_owners_make_owners_and_nobody_changes_their_own_role()
    {
        var adam = await factory.ClientForAsync("adam@acme.test");
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var mark = await (await factory.ClientForAsync("mark@acme.test")).UserIdAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await adam.PatchAsJsonAsync($"/api/admin/members/{mark}", new { role = "owner" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adam.PatchAsJsonAsync($"/api/admin/members/{await olivia.UserIdAsync()}", new { isActive = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await olivia.PatchAsJsonAsync($"/api/admin/members/{await olivia.UserIdAsync()}", new { role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await olivia.PatchAsJsonAsync($"/api/admin/members/{mark}", new { role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await olivia.PatchAsJsonAsync($"/api/admin/members/{mark}", new { role = "member" })).StatusCode);
    }

    [Fact]
    public async Task ID7_removing_a_member_ends_access_and_hands_their_files_to_another_member()
    {
        var admin = await factory.ClientForAsync("olivia@acme.test");
        var email = $"leaver-{Guid.NewGuid():N}@acme.test";
        var created = await (await admin.PostAsJsonAsync("/api/admin/members", new { email, displayName = "Lee Leaver", password = "long-enough-1" })).Json();
        var leaver = await factory.ClientForAsync(email, "long-enough-1");
        var space = (await leaver.PersonalSpace()).Id();
        var file = (await leaver.UploadOk(space, "handover.txt", "important"u8.ToArray())).Id();

        var mark = await factory.ClientForAsync("mark@acme.test");
        var noTarget = await admin.DeleteAsync($"/api/admin/members/{created.Id()}");
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        var removed = await admin.DeleteAsync($"/api/admin/members/{created.Id()}?transferTo={await mark.UserIdAsync()}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.GetAsync("/api/me")).StatusCode);
        var item = await (await mark.GetAsync($"/api/items/{file}")).Json();
        Assert.Equal("owner", item.GetProperty("role").GetString());
        var markRoot = await (await mark.GetAsync($"/api/spaces/{(await mark.PersonalSpace()).Id()}/items")).Json();
        Assert.Contains(markRoot.EnumerateArray(), i => i.GetProperty("name").GetString() == "Files of Lee Leaver");
        Assert.Equal("important", await mark.GetStringAsync($"/api/items/{file}/content"));
        Assert.DoesNotContain(email, await admin.GetStringAsync("/api/admin/members"));
    }

    [Fact]
    public async Task ID6_directory_finds_people_departments_the_organisation_and_external_addresses()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        async Task<List<(string Kind, string Name, int? Count)>> Search(string q) =>
            (await (await mia.GetAsync($"/api/directory/search?q={Uri.EscapeDataString(q)}")).Json()).EnumerateArray()
            .Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("displayName").GetString()!,
                e.TryGetProperty("memberCount", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.Number ? c.GetInt32() : (int?)null))
            .ToList();

        Assert.Contains(("user", "Mark Member", (int?)null), await Search("mar"));
        Assert.Contains(("user", "Eve Sales", (int?)null), await Search("eve@"));
        // Counts are of the people who would get access: Mia, who searches, is in Engineering and is not counted (issue 12).
        Assert.Contains(await Search("Eng"), e => e.Kind == "department" && e.Name == "Engineering" && e.Count >= 1);
        Assert.Contains(await Search("every"), e => e.Kind == "organisation" && e.Count >= 4);
        Assert.DoesNotContain(await Search("mia"), e => e.Kind == "user");
        Assert.Contains(("external", "partner@example.org", (int?)null), await Search("partner@example.org"));
        Assert.DoesNotContain(await Search("mark@acme.test"), e => e.Kind == "external");
    }

    [Fact]
    public async Task ID8_a_revoked_token_stops_working_at_once_and_is_never_listed_in_clear()
    {
        var created = await (await factory.Anonymous().PostAsJsonAsync("/api/auth/tokens",
            new { email = "eve@acme.test", password = TeamShareFactory.Password, name = "nightly backup" })).Json();
        var script = factory.Anonymous();
        script.DefaultRequestHeaders.Authorization = new("Bearer", created.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);

        var eve = await factory.ClientForAsync("eve@acme.test");
        var listed = await eve.GetStringAsync("/api/auth/tokens");
        Assert.Contains("nightly backup", listed);
        Assert.DoesNotContain(created.GetProperty("token").GetString()!, listed);

        Assert.Equal(HttpStatusCode.NoContent, (await eve.DeleteAsync($"/api/auth/tokens/{created.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
        var mark = await factory.ClientForAsync("mark@acme.test");
        Assert.Equal(HttpStatusCode.NotFound, (await mark.DeleteAsync($"/api/auth/tokens/{created.Id()}")).StatusCode);
    }

    [Fact]
    public async Task Issue28_the_members_page_offers_no_suspend_or_remove_on_the_admins_own_row()
    {
        var olivia = await Browsers.SignedInAsync(factory, "olivia@acme.test");
        var page = await olivia.GetStringAsync("/admin/members");
        Assert.Contains("aria-label=\"Suspend Mia Member\"", page);
        Assert.Contains("aria-label=\"Remove Mia Member\"", page);
        Assert.DoesNotContain("aria-label=\"Suspend Olivia Owner\"", page);
        Assert.DoesNotContain("aria-label=\"Remove Olivia Owner\"", page);
        Assert.Contains("That is you", page);
    }
}
