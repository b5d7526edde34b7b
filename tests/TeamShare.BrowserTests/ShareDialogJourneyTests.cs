using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

public sealed partial class ShareDialogJourneyTests(HostWithMail host) : IClassFixture<HostWithMail>
{
    [GeneratedRegex(@"https?://[^\s""<>]+/x/[A-Za-z0-9_\-]+")]
    private static partial Regex ExternalLink();

    [Fact]
    public async Task SH1_SH3_SH4_chips_audience_acknowledgement_send_then_the_mailed_link_opens_in_a_fresh_context()
    {
        using (var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) })
        {
            var token = await (await http.PostAsJsonAsync("/api/auth/tokens", new { email = "adam@acme.test", password = "demo-Password1", name = "setup" }))
                .Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
            await http.PostAsJsonAsync("/api/admin/policy/approved", new { value = "example.org" });
        }
        await using var browser = await Chromium.SessionAsync();
        var context = await browser.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseUrl });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.GetByLabel("Upload files").SetInputFilesAsync(new FilePayload { Name = "minutes.txt", MimeType = "text/plain", Buffer = "Minutes of Monday"u8.ToArray() });
        await page.GetByRole(AriaRole.Link, new() { Name = "Share minutes.txt" }).ClickAsync();
        // The dialog opens over the folder (a modal), not as a page of its own.
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Share “minutes.txt”" }).WaitForAsync();
        Assert.Contains("/files", page.Url);

        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Add people, groups, or external email" });
        await box.FillAsync("mar");
        var suggestions = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" });
        await suggestions.GetByRole(AriaRole.Option, new() { Name = "Mark Member <mark@acme.test>" }).WaitForAsync();
        // Nothing is pre-selected (issue 12): Enter alone adds nobody; the arrow key chooses, then Enter adds.
        Assert.Equal(0, await suggestions.Locator("[aria-selected=true]").CountAsync());
        await box.PressAsync("Enter");
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Send (0)" }).IsDisabledAsync());
        await box.PressAsync("ArrowDown");
        await box.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send (1)" }).WaitForAsync();
        // Nobody is offered themselves, and a search that finds nobody says so.
        await box.FillAsync("mia");
        await suggestions.GetByText("No matches in your organisation.", new() { Exact = false }).WaitForAsync();
        await box.FillAsync("Sal");
        await suggestions.GetByRole(AriaRole.Option, new() { Name = "Sales · department (1 person)" }).ClickAsync();
        await page.GetByText("1 person in the groups you added will get access.").WaitForAsync();
        await box.FillAsync("guest@example.org");
        await suggestions.GetByRole(AriaRole.Option, new() { Name = "guest@example.org (outside your organisation)" }).WaitForAsync();
        await box.PressAsync("Enter");
        Assert.Equal("Send (3)", await page.GetByRole(AriaRole.Button, new() { Name = "Send (3)" }).TextContentAsync());

        // Backspace in the empty box removes the last chip; the X removes a chosen one.
        await box.PressAsync("Backspace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send (2)" }).WaitForAsync();
        await box.FillAsync("guest@example.org");
        await suggestions.GetByRole(AriaRole.Option, new() { Name = "guest@example.org (outside your organisation)" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Send (3)" }).ClickAsync();
        await page.GetByText("Tick \"I understand this share leaves my organisation\"").WaitForAsync();
        await page.GetByLabel("I understand this share leaves my organisation").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send (3)" }).ClickAsync();
        await page.GetByText("The outside link is on your clipboard.").WaitForAsync();
        // Focus returns to where the next recipient is typed (issue 12).
        Assert.Equal("recipient-input", await page.EvaluateAsync<string>("document.activeElement.id"));
        var copied = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        Assert.Contains("/x/", copied);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove access of guest@example.org" }).WaitForAsync();
        await page.GetByText("Owner", new() { Exact = true }).WaitForAsync();

        // Closing the dialog shows the folder again, now marking the file as shared with a department and people.
        await page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await page.GetByRole(AriaRole.Img, new() { Name = "Shared with a department, people" }).WaitForAsync();

        var mail = (await host.WaitForMailTo("guest@example.org")).Replace("=\r\n", "").Replace("=3D", "=");
        // The mail carries its own signature of the same invitation: it is signed when the mail is sent, so the outbox never
        // holds a usable link (issue 14 finding 6; before, the mail repeated the copied link). Both open the item.
        var mailed = ExternalLink().Match(mail).Value;
        Assert.StartsWith(copied[..(copied.IndexOf("/x/", StringComparison.Ordinal) + 3)], mailed);
        // Issue 11: a browser that has not confirmed the invited address sees the code page and nothing of the item; the code
        // mailed to that address opens it (changed with the behaviour: the link used to open at once).
        var codes = 1;
        async Task ConfirmAsync(IPage visitor)
        {
            await visitor.GetByRole(AriaRole.Heading, new() { Name = "Confirm your address" }).WaitForAsync();
            Assert.Equal(0, await visitor.GetByText("minutes.txt").CountAsync());
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Mail me a code" }).ClickAsync();
            await visitor.GetByText("We sent a code to g•••@example.org").WaitForAsync();
            var code = CodeInMail().Match(await host.WaitForMailTo("guest@example.org", ++codes)).Groups[1].Value;
            await visitor.GetByLabel("Code from the mail").FillAsync(code);
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        }
        var fromMail = await (await browser.NewContextAsync()).NewPageAsync();
        await fromMail.GotoAsync(mailed);
        await ConfirmAsync(fromMail);
        await fromMail.GetByRole(AriaRole.Heading, new() { Name = "minutes.txt" }).WaitForAsync();
        await host.WaitForMailTo("mark@acme.test");
        await host.WaitForMailTo("eve@acme.test");

        var guest = await (await browser.NewContextAsync(new() { AcceptDownloads = true })).NewPageAsync();
        await guest.GotoAsync(copied);
        await ConfirmAsync(guest);
        await guest.GetByRole(AriaRole.Heading, new() { Name = "minutes.txt" }).WaitForAsync();
        var download = await guest.RunAndWaitForDownloadAsync(() => guest.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
        Assert.Equal("Minutes of Monday", await File.ReadAllTextAsync((await download.PathAsync())!));
    }

    [GeneratedRegex(@"Your code to open what was shared with you: (\d{6})")]
    private static partial Regex CodeInMail();
}
