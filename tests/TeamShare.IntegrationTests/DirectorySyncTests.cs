using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 29.2: a team follows its LDAP directory — a real one (Debian's slapd) with people and two groups: the dry run
/// changes nothing, the sync makes members and departments, a person moved between groups moves between departments, a
/// person removed is suspended (and brought back when they return), and the owner and members the directory never knew
/// are left alone.
/// </summary>
public sealed class DirectorySyncTests : IDisposable
{
    private const string People = "ou=people," + LdapServer.BaseDn, Groups = "ou=groups," + LdapServer.BaseDn;

    private static string Person(string uid, string name, string email) => $"""
        dn: uid={uid},{People}
        objectClass: inetOrgPerson
        uid: {uid}
        cn: {name}
        sn: {name.Split(' ')[^1]}
        mail: {email}
        """ + "\n\n";

    private static string Group(string name, params string[] uids) =>
        $"dn: cn={name},{Groups}\nobjectClass: groupOfNames\ncn: {name}\n" + string.Concat(uids.Select(u => $"member: uid={u},{People}\n")) + "\n";

    private readonly LdapServer _ldap = new(
        Person("lena", "Lena Lake", "lena@acme.test") + Person("omar", "Omar Oak", "omar@acme.test") + Person("mia", "Mia Member", "mia@acme.test")
        + Person("olivia", "Olivia Owner", "olivia@acme.test") + Person("gary", "Gary Globex", "gary@globex.test")
        + Group("Research", "lena", "mia") + Group("Support", "omar"));

    private readonly TeamShareFactory _factory = new();

    public void Dispose()
    {
        _factory.Dispose();
        _ldap.Dispose();
    }

    private async Task<HttpClient> ConnectAsync()
    {
        var olivia = await _factory.ClientForAsync("olivia@acme.test");
        var saved = await olivia.PutAsJsonAsync("/api/admin/directory", new
        {
            url = _ldap.Url, bindDn = LdapServer.AdminDn, bindPassword = LdapServer.AdminPassword, baseDn = LdapServer.BaseDn,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return olivia;
    }

    private static async Task<JsonElement> SyncAsync(HttpClient owner, bool apply = true)
    {
        var response = await owner.PostAsync($"/api/admin/directory/{(apply ? "sync" : "preview")}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    private static string[] Emails(JsonElement plan, string list) => [.. plan.GetProperty(list).EnumerateArray().Select(p => p.GetProperty("email").GetString()!).Order()];

    private static async Task<Dictionary<string, JsonElement>> MembersAsync(HttpClient admin) =>
        (await (await admin.GetAsync("/api/admin/members")).Json()).EnumerateArray().ToDictionary(m => m.GetProperty("email").GetString()!);

    private static async Task<Dictionary<string, string[]>> DepartmentsAsync(HttpClient admin, Dictionary<string, JsonElement> members)
    {
        var emailOf = members.Values.ToDictionary(m => m.Id(), m => m.GetProperty("email").GetString()!);
        return (await (await admin.GetAsync("/api/admin/departments")).Json()).EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!,
            d => d.GetProperty("memberIds").EnumerateArray().Select(id => emailOf[id.GetString()!]).Order().ToArray());
    }

    [Fact]
    public async Task ID4_Issue29_the_dry_run_changes_nothing_and_the_sync_makes_the_directorys_people_members_and_its_groups_departments()
    {
        var olivia = await ConnectAsync();
        var settings = await (await olivia.GetAsync("/api/admin/directory")).Json();
        Assert.True(settings.GetProperty("hasBindPassword").GetBoolean());
        Assert.False(settings.TryGetProperty("bindPassword", out _));
        Assert.Equal("(objectClass=inetOrgPerson)", settings.GetProperty("userFilter").GetString());

        var plan = await SyncAsync(olivia, apply: false);
        Assert.False(plan.GetProperty("applied").GetBoolean());
        // Gary's address belongs to another team: it is left out, not added.
        Assert.Equal(["lena@acme.test", "omar@acme.test"], Emails(plan, "add"));
        Assert.Equal(["mia@acme.test", "olivia@acme.test"], Emails(plan, "match"));
        Assert.Empty(Emails(plan, "suspend"));
        var planned = plan.GetProperty("departments").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
        Assert.Equal(["lena@acme.test", "mia@acme.test"], planned["Research"].GetProperty("members").EnumerateArray().Select(e => e.GetString()!));
        Assert.True(planned["Research"].GetProperty("new").GetBoolean());
        var before = await MembersAsync(olivia);
        Assert.False(before.ContainsKey("lena@acme.test"));
        Assert.False((await DepartmentsAsync(olivia, before)).ContainsKey("Research"));

        Assert.True((await SyncAsync(olivia)).GetProperty("applied").GetBoolean());
        var members = await MembersAsync(olivia);
        Assert.Equal("member", members["lena@acme.test"].GetProperty("role").GetString());
        Assert.Equal("Lena Lake", members["lena@acme.test"].GetProperty("displayName").GetString());
        Assert.True(members["lena@acme.test"].GetProperty("isActive").GetBoolean());
        var departments = await DepartmentsAsync(olivia, members);
        Assert.Equal(["lena@acme.test", "mia@acme.test"], departments["Research"]);
        Assert.Equal(["omar@acme.test"], departments["Support"]);
        Assert.Equal(["mark@acme.test", "mia@acme.test"], departments["Engineering"]);
        var status = await (await olivia.GetAsync("/api/admin/directory")).Json();
        Assert.Equal("2 added, 2 matched, 0 suspended, 0 back, 2 departments.", status.GetProperty("lastSyncResult").GetString());
        // A second run has nothing left to do.
        var again = await SyncAsync(olivia, apply: false);
        Assert.Empty(Emails(again, "add"));
        Assert.Empty(Emails(again, "match"));
    }

    [Fact]
    public async Task ID5_ID7_Issue29_people_move_between_departments_with_their_groups_and_leavers_are_suspended_but_never_the_owner_or_those_it_never_knew()
    {
        var olivia = await ConnectAsync();
        await SyncAsync(olivia);

        // Lena moves from Research to Support; Omar and the owner leave the directory.
        _ldap.Modify($"""
            dn: cn=Research,{Groups}
            changetype: modify
            delete: member
            member: uid=lena,{People}

            dn: cn=Support,{Groups}
            changetype: modify
            add: member
            member: uid=lena,{People}

            dn: uid=omar,{People}
            changetype: delete

            dn: uid=olivia,{People}
            changetype: delete

            """);
        var plan = await SyncAsync(olivia, apply: false);
        Assert.Equal(["omar@acme.test"], Emails(plan, "suspend"));
        Assert.True((await MembersAsync(olivia))["omar@acme.test"].GetProperty("isActive").GetBoolean());

        await SyncAsync(olivia);
        var members = await MembersAsync(olivia);
        Assert.False(members["omar@acme.test"].GetProperty("isActive").GetBoolean());
        Assert.True(members["olivia@acme.test"].GetProperty("isActive").GetBoolean());
        Assert.True(members["mark@acme.test"].GetProperty("isActive").GetBoolean());
        var departments = await DepartmentsAsync(olivia, members);
        Assert.Equal(["mia@acme.test"], departments["Research"]);
        // Omar's group still names him, but a person gone from the directory is in none of its departments.
        Assert.Equal(["lena@acme.test"], departments["Support"]);

        // Omar comes back: the suspension the directory made is lifted; one an admin made would stay.
        _ldap.Modify(Person("omar", "Omar Oak", "omar@acme.test").Replace("objectClass: inetOrgPerson", "changetype: add\nobjectClass: inetOrgPerson"));
        Assert.Equal(["omar@acme.test"], Emails(await SyncAsync(olivia, apply: false), "reactivate"));
        // The hourly job does it, as "Sync now" would.
        using (var scope = _factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<TeamShare.Identity.DirectorySync.DirectorySyncJob>().RunAsync(CancellationToken.None);
        members = await MembersAsync(olivia);
        Assert.True(members["omar@acme.test"].GetProperty("isActive").GetBoolean());
        Assert.Equal(["lena@acme.test", "omar@acme.test"], (await DepartmentsAsync(olivia, members))["Support"]);
    }

    [Fact]
    public async Task Issue29_a_directory_that_cannot_be_read_changes_nothing_and_says_why_naming_the_field()
    {
        var olivia = await _factory.ClientForAsync("olivia@acme.test");
        var bad = await olivia.PutAsJsonAsync("/api/admin/directory", new { url = "http://ldap.example.com", baseDn = LdapServer.BaseDn });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Json()).GetProperty("errors").TryGetProperty("url", out _));

        Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/directory", new
        {
            url = _ldap.Url, bindDn = LdapServer.AdminDn, bindPassword = "wrong", baseDn = LdapServer.BaseDn,
        })).StatusCode);
        var refused = await olivia.PostAsync("/api/admin/directory/sync", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("directory answered", (await refused.Json()).GetProperty("errors").GetProperty("url")[0].GetString());
        Assert.False((await MembersAsync(olivia)).ContainsKey("lena@acme.test"));
    }
}
