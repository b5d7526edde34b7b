using System.Net.Http.Json;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

[StartsEarly("One of the longest classes, and it used to start near the end.")]
public sealed class AdminJourneyTests(HostProcess host) : IClassFixture<HostProcess>
{
    [Fact]
    public async Task Issue27_an_admin_sets_the_team_storage_quota_in_the_console_and_sees_what_each_space_takes()
    {
        await using var browser = await Chromium.SessionAsync();
        var admin = await browser.NewPageAsync();
        await Chromium.SignInAsync(admin, host.BaseUrl, "adam@acme.test");
        await admin.GotoAsync($"{host.BaseUrl}/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Storage" }).ClickAsync();
        await admin.GetByText("used; no limit is set.", new() { Exact = false }).WaitForAsync();
        await admin.GetByLabel("Quota in GB (empty: no limit)").FillAsync("2");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save quota" }).ClickAsync();
        await admin.GetByText("Storage quota saved.").WaitForAsync();
        await admin.GetByText("of 2 GB used", new() { Exact = false }).WaitForAsync();
        // The demo team's spaces are listed with their files, a member's personal space under the member's name.
        await admin.GetByRole(AriaRole.Cell, new() { Name = "Acme Shared" }).WaitForAsync();
        await admin.GetByLabel("Quota in GB (empty: no limit)").FillAsync("");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save quota" }).ClickAsync();
        await admin.GetByText("The team has no storage limit now.").WaitForAsync();

        // Issue 28: turning outside sharing off cuts every outside access at once, so the console asks first; "no" keeps it on.
        await admin.GotoAsync($"{host.BaseUrl}/admin/policy");
        string? asked = null;
        void Dismiss(object? _, IDialog dialog) { asked = dialog.Message; _ = dialog.DismissAsync(); }
        admin.Dialog += Dismiss;
        await admin.GetByLabel("Allow sharing outside the team").UncheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save sharing policy" }).ClickAsync();
        admin.Dialog -= Dismiss;
        Assert.StartsWith("Turn sharing outside the team off?", asked);
        await admin.ReloadAsync();
        Assert.True(await admin.GetByLabel("Allow sharing outside the team").IsCheckedAsync());

        // Issue 28: removing a member asks about the member chosen to receive the items, by name; with none chosen it does
        // not ask about "the member you chose" but says one must be chosen.
        await admin.GotoAsync($"{host.BaseUrl}/admin/members");
        asked = null;
        admin.Dialog += Dismiss;
        await admin.GetByRole(AriaRole.Button, new() { Name = "Remove Eve Sales" }).ClickAsync();
        await admin.GetByText("Choose the member who receives this member's files.").WaitForAsync();
        Assert.Null(asked);
        await admin.GetByLabel("Give the items of Eve Sales to").SelectOptionAsync(new SelectOptionValue { Label = "Mark Member" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Remove Eve Sales" }).ClickAsync();
        admin.Dialog -= Dismiss;
        Assert.Equal("Remove Eve Sales from the team? Their items go to Mark Member; this cannot be undone.", asked);
        await admin.GetByRole(AriaRole.Cell, new() { Name = "Eve Sales", Exact = true }).WaitForAsync();
    }

    [Fact]
    public async Task AD3_AD13_an_admin_changes_the_policy_in_the_console_and_a_members_next_link_follows_it()
    {
        await using var browser = await Chromium.SessionAsync();

        var admin = await browser.NewPageAsync();
        await Chromium.SignInAsync(admin, host.BaseUrl, "adam@acme.test");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin console" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Sharing policy" }).ClickAsync();
        await admin.GetByLabel("Allow links that reach people outside the team").UncheckAsync();
        await admin.GetByLabel("Off (team only)").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save sharing policy" }).ClickAsync();
        await admin.GetByText("Sharing policy saved.").WaitForAsync();
        Assert.False(await admin.GetByLabel("Allow links that reach people outside the team").IsCheckedAsync());

        await admin.GotoAsync($"{host.BaseUrl}/admin/approved");
        await admin.GetByLabel("Address or domain").FillAsync("Partner.Example");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await admin.GetByText("partner.example (domain)").WaitForAsync();

        await admin.GotoAsync($"{host.BaseUrl}/admin/activity");
        // Issue 28: the change is named as the settings page names it, not by the setting's code.
        await admin.GetByRole(AriaRole.Cell, new() { Name = "Allow links that reach people outside the team" }).First.WaitForAsync();
        Assert.Equal(0, await admin.GetByRole(AriaRole.Cell, new() { Name = "LinksOutsideTeamEnabled" }).CountAsync());
        // The job dashboard is the server operator's (the run script and this host name olivia@acme.test), not a team admin's.
        Assert.Equal(0, await admin.Locator("a[href='/admin/jobs']").CountAsync());
        var operatorPage = await (await browser.NewContextAsync()).NewPageAsync();
        await Chromium.SignInAsync(operatorPage, host.BaseUrl, "olivia@acme.test");
        await operatorPage.GotoAsync($"{host.BaseUrl}/admin");
        await operatorPage.GetByRole(AriaRole.Link, new() { Name = "Background jobs" }).ClickAsync();
        await operatorPage.GotoAsync($"{host.BaseUrl}/admin/jobs/recurring");
        foreach (var job in new[] { "links-expiry-sweep", "spaces-trash-purge", "webhooks-delivery" })
            await operatorPage.GetByText(job).First.WaitForAsync();

        var member = await (await browser.NewContextAsync()).NewPageAsync();
        await Chromium.SignInAsync(member, host.BaseUrl, "mia@acme.test");
        await member.GetByLabel("Upload files").SetInputFilesAsync(new FilePayload { Name = "policy.txt", MimeType = "text/plain", Buffer = "x"u8.ToArray() });
        await member.GetByRole(AriaRole.Link, new() { Name = "Create link for policy.txt" }).ClickAsync();
        // The dialog shows the rule before the member tries: the audience is locked to the team, with the reason.
        await member.GetByText("Your team's admins do not allow links outside the team.").WaitForAsync();
        var audience = member.GetByLabel("Who can open the link");
        Assert.Equal("team", await audience.InputValueAsync());
        Assert.True(await audience.Locator("option[value=anyone]").IsDisabledAsync());
        await member.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await member.GetByLabel("Link", new() { Exact = true }).WaitForAsync();

        // E-mail sharing is team-only now: an outside address is refused as it is added, with the reason, not at Send (issue 12).
        await member.GotoAsync($"{host.BaseUrl}/files");
        await member.GetByRole(AriaRole.Link, new() { Name = "Share policy.txt" }).ClickAsync();
        var box = member.GetByRole(AriaRole.Combobox, new() { Name = "Add people, groups, or external email" });
        var suggestions = member.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" });
        await box.FillAsync("someone@partner.example");
        await suggestions.GetByRole(AriaRole.Option, new() { Name = "someone@partner.example · not allowed", Exact = false }).WaitForAsync();
        await box.PressAsync("Enter");
        await member.GetByRole(AriaRole.Alert).GetByText("Your team's policy does not allow sharing with someone@partner.example: sharing by e-mail is for members of your team only.").WaitForAsync();
        Assert.True(await member.GetByRole(AriaRole.Button, new() { Name = "Send (0)" }).IsDisabledAsync());

        // The admin allows the team and its approved list: partner.example is approved, so the address can be added now.
        await admin.GotoAsync($"{host.BaseUrl}/admin/policy");
        await admin.GetByLabel("On (team + approved): team members and the approved list").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save sharing policy" }).ClickAsync();
        await admin.GetByText("Sharing policy saved.").WaitForAsync();
        await box.FillAsync("someone@partner.example");
        await suggestions.GetByRole(AriaRole.Option, new() { Name = "someone@partner.example (outside your organisation)" }).ClickAsync();
        await box.FillAsync("mark");
        await suggestions.GetByRole(AriaRole.Option, new() { Name = "Mark Member <mark@acme.test>" }).ClickAsync();
        await member.GetByLabel("I understand this share leaves my organisation").CheckAsync();
        await member.GetByLabel("Message (optional)").FillAsync("The policy, for your review");

        // The policy tightens again before Send: the refused address comes off and the rest of the batch still goes.
        await admin.GetByLabel("Off (team only)").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save sharing policy" }).ClickAsync();
        await admin.GetByText("Sharing policy saved.").WaitForAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Send (2)" }).ClickAsync();
        await member.GetByText("It was taken off the list; press Send to share with the others.", new() { Exact = false }).WaitForAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Send (1)" }).ClickAsync();
        await member.GetByText("Sent 1 invitation.").WaitForAsync();
        // Issue 28: the next share starts clean: no message, no error left from the refused address.
        Assert.Equal("", await member.GetByLabel("Message (optional)").InputValueAsync());
        Assert.False(await member.Locator("#share-error").IsVisibleAsync());

        var memberOnAdminPage = await member.GotoAsync($"{host.BaseUrl}/admin/policy");
        Assert.Equal(403, memberOnAdminPage!.Status);
        await member.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" }).WaitForAsync();
    }

    [Fact]
    public async Task Issue12_CH2_an_admin_sets_changes_and_removes_the_team_chat_address_in_the_console()
    {
        await using var browser = await Chromium.SessionAsync();
        var admin = await browser.NewPageAsync();
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Chromium.SignInAsync(admin, host.BaseUrl, "adam@acme.test");
        await admin.GotoAsync($"{host.BaseUrl}/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Team chat" }).ClickAsync();

        var address = admin.GetByLabel("Incoming-webhook address");
        await address.FillAsync("https://10.0.0.7/hooks/team");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await admin.GetByRole(AriaRole.Alert).GetByText("private or local network").WaitForAsync();

        await address.FillAsync("https://chat.example.com/hooks/first");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await admin.GetByText("Saved.").WaitForAsync();
        await address.FillAsync("https://chat.example.com/hooks/second");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await admin.GetByText("Saved.").WaitForAsync();
        using var api = await host.ApiAsync("adam@acme.test");
        Assert.Equal("https://chat.example.com/hooks/second", (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/admin/webhook")).GetProperty("url").GetString());

        await admin.GetByRole(AriaRole.Button, new() { Name = "Remove address" }).ClickAsync();
        await admin.GetByText("Removed.").WaitForAsync();
        Assert.Equal("", await address.InputValueAsync());
    }
}
