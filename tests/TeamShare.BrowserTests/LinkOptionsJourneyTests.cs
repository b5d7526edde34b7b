using System.Net.Http.Json;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

public sealed class LinkOptionsJourneyTests(HostProcess host) : IClassFixture<HostProcess>
{
    [Fact]
    public async Task LK2_LK7_LK8_a_password_link_with_a_preview_limit_and_an_upload_folder_link_work_in_the_browser()
    {
        await using var browser = await Chromium.SessionAsync();
        var owner = await browser.NewContextAsync();
        await owner.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseUrl });
        var page = await owner.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");

        await page.GetByLabel("Upload files").SetInputFilesAsync(new FilePayload { Name = "budget.txt", MimeType = "text/plain", Buffer = "Budget 2027"u8.ToArray() });
        await page.GetByRole(AriaRole.Link, new() { Name = "Create link for budget.txt" }).ClickAsync();
        await page.GetByLabel("Password").FillAsync("Pass42");
        await page.GetByLabel("Limit previews").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await page.GetByRole(AriaRole.Img, new() { Name = "QR code of the link" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await page.GetByText("Link copied to the clipboard.").WaitForAsync();
        var url = await page.EvaluateAsync<string>("navigator.clipboard.readText()");

        var stranger = await (await browser.NewContextAsync(new() { AcceptDownloads = true })).NewPageAsync();
        await stranger.GotoAsync(url);
        await stranger.GetByText("This link is protected by a password.").WaitForAsync();
        await stranger.GetByRole(AriaRole.Textbox, new() { Name = "Password" }).FillAsync("wrong1");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await stranger.GetByText("That password is not right.").WaitForAsync();
        await stranger.GetByRole(AriaRole.Textbox, new() { Name = "Password" }).FillAsync("Pass42");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();

        // The preview opens on the page, named, with Download and a way back (issue 12), not as a bare tab.
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Preview budget.txt" }).ClickAsync();
        var preview = stranger.GetByRole(AriaRole.Dialog, new() { Name = "budget.txt" });
        await preview.FrameLocator("iframe[title='Preview of budget.txt']").GetByText("Budget 2027").WaitForAsync();
        await preview.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await preview.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        Assert.Equal("Preview budget.txt", await stranger.EvaluateAsync<string>("document.activeElement.getAttribute('aria-label')"));
        var download = await stranger.RunAndWaitForDownloadAsync(() =>
            stranger.GetByRole(AriaRole.Link, new() { Name = "Download budget.txt" }).ClickAsync());
        Assert.Equal("Budget 2027", await File.ReadAllTextAsync((await download.PathAsync())!));

        // An upload folder link: the owner makes it, a stranger uploads, the owner sees the file at once.
        await page.GotoAsync($"{host.BaseUrl}/files");
        await page.GetByLabel("New folder").FillAsync("Inbox");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create folder" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create link for Inbox" }).ClickAsync();
        await page.GetByLabel("Upload into this folder").CheckAsync();
        // Issue 27: the sharer caps what the drop box takes in all (the team's limit is the default).
        await page.GetByLabel("It may receive in all (MB)").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var folderLink = page.GetByLabel("Link", new() { Exact = true });
        await folderLink.WaitForAsync();
        var folderUrl = await folderLink.InputValueAsync();

        var uploader = await (await browser.NewContextAsync()).NewPageAsync();
        await uploader.GotoAsync(folderUrl);
        await uploader.GetByLabel("Files to upload").SetInputFilesAsync(new FilePayload { Name = "invoice.txt", MimeType = "text/plain", Buffer = "Invoice 7"u8.ToArray() });
        await uploader.GetByText("invoice.txt: uploaded").WaitForAsync();
        await uploader.GetByLabel("Files to upload").SetInputFilesAsync(new FilePayload { Name = "scan.pdf", MimeType = "application/pdf", Buffer = new byte[2 << 20] });
        await uploader.GetByText("This link accepts 1,048,576 bytes in all, and this file does not fit.", new() { Exact = false }).WaitForAsync();

        await page.GotoAsync($"{host.BaseUrl}/files");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "invoice.txt", Exact = true }).WaitForAsync();

        await page.GotoAsync($"{host.BaseUrl}/shares");
        await page.GetByRole(AriaRole.Cell, new() { Name = "budget.txt password" }).WaitForAsync();
    }
}
