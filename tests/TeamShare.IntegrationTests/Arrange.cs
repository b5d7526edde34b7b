using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Test set-up that no public route offers yet: grants on any folder (the share dialog brings them to the API).
/// Everything a test asserts still goes through the API.
/// </summary>
public static class Arrange
{
    public static async Task<Guid> GrantAsync(this TeamShareFactory factory, string itemId, string kind, Guid? principalId, AccessRole role)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacesDbContext>();
        var item = await db.Items.AsNoTracking().SingleAsync(i => i.Id == Guid.Parse(itemId));
        var grant = new Grant
        {
            Id = Guid.CreateVersion7(), TeamId = item.TeamId, ItemId = item.Id, PrincipalKind = kind, PrincipalId = principalId,
            Role = role, CreatedBy = item.OwnerUserId, CreatedAt = DateTime.UtcNow,
        };
        db.Grants.Add(grant);
        await db.SaveChangesAsync();
        return grant.Id;
    }

    /// <summary>
    /// Issue 24 (B9): <paramref name="count"/> copies of a granted folder beside it, each granted as it is to the same
    /// principal, all at one moment (so a list ordered by share time has ties to break), in one save.
    /// </summary>
    public static async Task CopyGrantedFolderAsync(this TeamShareFactory factory, string folderId, int count)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacesDbContext>();
        var folder = await db.Items.AsNoTracking().SingleAsync(i => i.Id == Guid.Parse(folderId) && i.Kind == "folder");
        var grant = await db.Grants.AsNoTracking().SingleAsync(g => g.ItemId == folder.Id);
        var at = DateTime.UtcNow;
        for (var n = 1; n <= count; n++)
        {
            var copy = new Item
            {
                Id = Guid.CreateVersion7(), TeamId = folder.TeamId, SpaceId = folder.SpaceId, ParentId = folder.ParentId, AncestorPath = folder.AncestorPath,
                Name = $"{folder.Name} {n}", NameKey = $"{folder.NameKey} {n}", SortKey = $"{folder.SortKey} {n}", Kind = folder.Kind,
                OwnerUserId = folder.OwnerUserId, CreatedAt = folder.CreatedAt, ModifiedAt = folder.ModifiedAt,
            };
            db.Items.Add(copy);
            db.Grants.Add(new Grant
            {
                Id = Guid.CreateVersion7(), TeamId = grant.TeamId, ItemId = copy.Id, PrincipalKind = grant.PrincipalKind, PrincipalId = grant.PrincipalId,
                Role = grant.Role, CreatedBy = grant.CreatedBy, CreatedAt = at,
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>AD-2 "on (anyone)": members may invite any outside address by e-mail (the demo team allows its approved list).</summary>
    public static Task AllowAnyoneByEmailAsync(this TeamShareFactory factory) =>
        factory.ChangePolicyAsync(settings => settings["emailMode"] = "anyone");

    /// <summary>Acme's owner changes some of the sharing settings (and channel switches), keeping the rest as they are.</summary>
    public static async Task ChangePolicyAsync(this TeamShareFactory factory, Action<Dictionary<string, object?>> change,
        Dictionary<string, bool>? channels = null)
    {
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var current = await (await olivia.GetAsync("/api/admin/policy")).Json();
        var settings = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(current.GetProperty("settings").GetRawText())!;
        change(settings);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/policy", new { settings, channels })).StatusCode);
    }

    /// <summary>Acme's owner adds a member with the test password; their new address.</summary>
    public static async Task<string> NewMemberAsync(this TeamShareFactory factory, string prefix, string displayName)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@acme.test";
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        Assert.Equal(System.Net.HttpStatusCode.Created, (await olivia.PostAsJsonAsync("/api/admin/members",
            new { email, displayName, password = TeamShareFactory.Password })).StatusCode);
        return email;
    }

    public static async Task<Guid> UserIdAsync(this HttpClient client) => Guid.Parse((await (await client.GetAsync("/api/me")).Json()).Id());
}
