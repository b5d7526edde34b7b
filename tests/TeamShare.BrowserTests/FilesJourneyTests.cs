using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

public sealed class FilesJourneyTests(HostProcess host) : IClassFixture<HostProcess>
{
    [Fact]
    public async Task SP4_SP5_SP6_upload_with_progress_browse_preview_edit_markdown_then_delete_and_restore()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");

        await page.GetByLabel("New folder").FillAsync("Reports");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create folder" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "📁 Reports" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByText("Reports").WaitForAsync();

        // Hold the upload's answer until the progress bar has been seen, so the check does not race the reload.
        var progressSeen = new TaskCompletionSource();
        await page.RouteAsync("**/api/spaces/*/files*", async route =>
        {
            await progressSeen.Task;
            await route.ContinueAsync();
        });
        await page.GetByLabel("Upload files").SetInputFilesAsync(new FilePayload
        {
            Name = "plan.md", MimeType = "text/markdown", Buffer = "# Plan\n\nShip it."u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Progressbar, new() { Name = "Uploading plan.md" }).WaitForAsync();
        progressSeen.SetResult();
        await page.GetByRole(AriaRole.Link, new() { Name = "plan.md", Exact = true }).ClickAsync();

        var preview = page.FrameLocator("iframe[title='Preview of plan.md']");
        await preview.GetByRole(AriaRole.Heading, new() { Name = "Plan" }).WaitForAsync();

        await page.GetByLabel("Content of plan.md").FillAsync("# Plan v2\n\nShip it twice.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as new version" }).ClickAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = "2 (current)" }).WaitForAsync();
        await preview.GetByRole(AriaRole.Heading, new() { Name = "Plan v2" }).WaitForAsync();
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Restore version 1" }).IsVisibleAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByText("This folder is empty.").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Trash" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore plan.md" }).ClickAsync();
        await page.GetByText("The trash is empty.").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "My files" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "📁 Reports" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "plan.md", Exact = true }).WaitForAsync();
    }
}
