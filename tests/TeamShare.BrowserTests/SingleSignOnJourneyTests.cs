using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TeamShare.IntegrationTests;

namespace TeamShare.BrowserTests;

/// <summary>A host that may reach the OpenID provider on this machine and asks a DNS server of the test's for TXT records.</summary>
public sealed class HostWithProvider : HostProcess
{
    public OpenIdProvider Provider { get; } = new();
    public DnsServer Dns { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("TeamShare__Outbound__AllowedNetworks__0", "127.0.0.1/32"), new("TeamShare__Outbound__DnsServers__0", Dns.Endpoint)];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Provider.Dispose();
        Dns.Dispose();
    }
}

/// <summary>
/// Issue 29 in Chromium: the owner connects the team's provider in the console and a newcomer signs in through it (29.1);
/// the owner connects the team's LDAP directory, previews the sync and runs it (29.2).
/// </summary>
public sealed class SingleSignOnJourneyTests(HostWithProvider host) : IClassFixture<HostWithProvider>
{
    [Fact]
    public async Task ID4_Issue29_the_owner_connects_the_provider_and_a_newcomer_typing_their_address_signs_in_through_it_into_their_department()
    {
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "olivia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Single sign-on" }).First.ClickAsync();
        var redirectUri = await page.Locator("#sso-redirect-uri").InnerTextAsync();
        Assert.Equal($"{host.BaseUrl}/signin/sso/", redirectUri[..(redirectUri.IndexOf("/sso/") + 5)]);

        // What an owner copies from their provider's console after registering TeamShare there.
        var (clientId, secret) = await host.Provider.RegisterClientAsync(redirectUri);
        await page.GetByLabel("Issuer").FillAsync(host.Provider.Issuer);
        await page.GetByLabel("Client id").FillAsync(clientId);
        await page.GetByLabel("Client secret").FillAsync(secret);
        await page.GetByLabel("Groups claim").FillAsync("groups");
        await page.GetByLabel("E-mail domains").FillAsync("acme.test");
        await page.GetByLabel("Make an account at the first sign-in").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await page.GetByText("Single sign-on is saved.").WaitForAsync();

        // The domain is proven with the TXT record the page shows.
        var record = page.Locator("table code");
        host.Dns.Start((await record.Nth(0).InnerTextAsync(), await record.Nth(1).InnerTextAsync()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the DNS records" }).ClickAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = "Proven", Exact = true }).WaitForAsync();

        // A newcomer types their address: the sign-in page offers the provider, which knows them and their group.
        var email = $"nina-{Guid.NewGuid():N}@acme.test";
        host.Provider.SetAccount(email, new { name = "Nina North", groups = new[] { "Design" } });
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync($"{host.BaseUrl}/signin");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#email").BlurAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with single sign-on" }).ClickAsync();
        await page.Locator("input[name=login]").FillAsync(email);
        await page.Locator("input[name=password]").FillAsync("anything");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/files**");
        await page.GotoAsync($"{host.BaseUrl}/account/tokens");
        Assert.Equal("Nina North", await page.GetByLabel("Name others see").InputValueAsync());

        // Her group became a department with her in it, shown as following the directory.
        await page.Context.ClearCookiesAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "olivia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/admin/departments");
        var design = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Design" }) });
        await design.GetByText("From your directory").WaitForAsync();
        await design.GetByText("Nina North").WaitForAsync();
    }

    [Fact]
    public async Task ID4_Issue29_the_owner_connects_the_directory_previews_what_a_sync_would_do_and_syncs()
    {
        using var ldap = new LdapServer($"""
            dn: uid=dora,ou=people,{LdapServer.BaseDn}
            objectClass: inetOrgPerson
            uid: dora
            cn: Dora Dale
            sn: Dale
            mail: dora@acme.test

            dn: cn=Finance,ou=groups,{LdapServer.BaseDn}
            objectClass: groupOfNames
            cn: Finance
            member: uid=dora,ou=people,{LdapServer.BaseDn}
            """);
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "olivia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Directory" }).First.ClickAsync();
        await page.GetByLabel("Directory address").FillAsync(ldap.Url);
        await page.GetByLabel("Base DN").FillAsync(LdapServer.BaseDn);
        await page.GetByLabel("Bind DN").FillAsync(LdapServer.AdminDn);
        await page.GetByLabel("Bind password").FillAsync(LdapServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await page.GetByText("The directory is saved.").WaitForAsync();

        // The preview names Dora and her department; nothing has changed yet.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview a sync" }).ClickAsync();
        Assert.Equal("dora@acme.test", await page.Locator("#plan-add").InnerTextAsync());
        Assert.Contains("Finance", await page.Locator("#plan-departments").InnerTextAsync());
        await page.GotoAsync($"{host.BaseUrl}/admin/members");
        Assert.Equal(0, await page.GetByText("Dora Dale").CountAsync());

        await page.GotoAsync($"{host.BaseUrl}/admin/directory");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await page.GetByText("The directory is synced.").WaitForAsync();
        await page.GotoAsync($"{host.BaseUrl}/admin/departments");
        var finance = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Finance" }) });
        await finance.GetByText("From your directory").WaitForAsync();
        await finance.GetByText("Dora Dale").WaitForAsync();
    }
}
