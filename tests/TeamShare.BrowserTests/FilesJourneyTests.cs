using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

[StartsEarly("One of the longest classes.")]
public sealed class FilesJourneyTests(HostProcess host) : IClassFixture<HostProcess>
{
    [Fact]
    public async Task SP4_SP5_SP6_upload_with_progress_browse_preview_edit_markdown_then_delete_and_restore()
    {
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");

        await page.GetByLabel("New folder").FillAsync("Reports");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create folder" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
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
        await page.GetByRole(AriaRole.List).Filter(new() { Has = page.GetByText("Owner", new() { Exact = true }) }).WaitForAsync();
        Assert.Equal(1, await page.Locator("#item-people li").CountAsync());

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
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "plan.md", Exact = true }).WaitForAsync();
    }

    [Fact]
    public async Task SP7_LK1_select_rows_to_rename_copy_move_delete_and_link_two_items_at_once()
    {
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mark@acme.test");

        await page.GetByLabel("New folder").FillAsync("Archive");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create folder" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Archive", Exact = true }).WaitForAsync();
        await page.GetByLabel("Upload files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "a.txt", MimeType = "text/plain", Buffer = "first"u8.ToArray() },
            new FilePayload { Name = "b.txt", MimeType = "text/plain", Buffer = "second"u8.ToArray() },
        });
        await page.GetByRole(AriaRole.Link, new() { Name = "b.txt", Exact = true }).WaitForAsync();

        // Nothing selected: no toolbar of disabled buttons (issue 12).
        Assert.False(await page.GetByRole(AriaRole.Region, new() { Name = "Selected items" }).IsVisibleAsync());
        await page.GetByLabel("Select a.txt").CheckAsync();
        await page.GetByText("1 selected: a.txt").WaitForAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Selected items" }).GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await page.GetByLabel("New name").FillAsync("alpha.txt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "alpha.txt", Exact = true }).WaitForAsync();

        await page.GetByLabel("Select alpha.txt").CheckAsync();
        await page.GetByLabel("Select b.txt").CheckAsync();
        await page.GetByText("2 selected").WaitForAsync();
        Assert.False(await page.GetByRole(AriaRole.Region, new() { Name = "Selected items" }).GetByRole(AriaRole.Button, new() { Name = "Rename" }).IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Move or copy" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Move or copy 2 items" }).WaitForAsync();
        await page.GetByLabel("Target folder").SelectOptionAsync(new SelectOptionValue { Label = "/Archive" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy here" }).ClickAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Selected items" }).WaitForAsync(new() { State = WaitForSelectorState.Hidden });

        // One row's ⋮ menu: Archive now holds a b.txt, so moving this one there is refused and the page says which item and why.
        await page.GetByLabel("More actions for b.txt").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move or copy", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Move or copy “b.txt”" }).WaitForAsync();
        await page.GetByLabel("Target folder").SelectOptionAsync(new SelectOptionValue { Label = "/Archive" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Move here" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).GetByText("b.txt: Something in that folder already has this name.").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Archive", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "alpha.txt", Exact = true }).WaitForAsync();
        Assert.Equal(2, await page.Locator("[data-select]").CountAsync());
        await page.GetByLabel("Select all").CheckAsync();
        await page.GetByText("2 selected").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Create a link to 2 items" }).WaitForAsync();
        await page.GetByLabel("Share name").FillAsync("Archive bundle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "My files" }).ClickAsync();
        await page.GetByLabel("Select b.txt").CheckAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Selected items" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "b.txt", Exact = true }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(2, await page.Locator("[data-select]").CountAsync());
    }

    [Fact]
    public async Task Issue12_sort_by_a_column_see_which_items_have_a_link_search_from_the_top_bar_and_replace_a_file_with_an_upload()
    {
        using var api = await host.ApiAsync("eve@acme.test");
        var space = (await api.GetFromJsonAsync<JsonElement>("/api/spaces"))[0].GetProperty("id").GetString()!;
        async Task<string> Upload(string name, int size)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[size]), "file", name } };
            return (await (await api.PostAsync($"/api/spaces/{space}/files", form)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }
        var small = await Upload("small-quince.txt", 10);
        await Upload("large-quince.txt", 5000);
        Assert.True((await api.PostAsJsonAsync("/api/shares", new { itemIds = new[] { small } })).IsSuccessStatusCode);

        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "eve@acme.test");

        // File-type icons are drawn, not emoji; the linked file carries the link mark.
        Assert.True(await page.Locator("tr:has([data-name='small-quince.txt']) svg[data-icon='txt']").IsVisibleAsync());
        Assert.True(await page.Locator("tr:has([data-name='small-quince.txt']) [data-link-badge]").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("tr:has([data-name='large-quince.txt']) [data-link-badge]").CountAsync());

        async Task<List<string>> Order() => [.. (await page.Locator("[data-select]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.name)"))
            .Where(n => n.EndsWith("-quince.txt"))];
        await page.GetByRole(AriaRole.Link, new() { Name = "Size", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Size ↑" }).WaitForAsync();
        Assert.Equal(["small-quince.txt", "large-quince.txt"], await Order());
        await page.GetByRole(AriaRole.Link, new() { Name = "Size ↑" }).ClickAsync();
        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Size ↓" }).WaitForAsync();
        Assert.Equal(["large-quince.txt", "small-quince.txt"], await Order());

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search files" }).FillAsync("QUINCE");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByText("2 items found").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "small-quince.txt" }).ClickAsync();
        // The file input exists before the page's module script listens to it: choose the file after the load.
        await page.WaitForURLAsync(new Regex("/items/"));

        // Replace with upload: the same file, a new version, the old one kept.
        await page.GetByLabel("A file whose content becomes the new version of small-quince.txt").SetInputFilesAsync(new FilePayload
        {
            Name = "whatever.txt", MimeType = "text/plain", Buffer = "replaced content"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Cell, new() { Name = "2 (current)" }).WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "small-quince.txt" }).WaitForAsync();
        Assert.Equal("replaced content", await api.GetStringAsync($"/api/items/{small}/content"));
    }

    [Fact]
    public async Task Issue28_a_member_stars_a_file_from_its_menu_finds_it_under_Starred_and_Recent_and_the_owners_menu_stays_on_one_line()
    {
        var mia = await host.ApiAsync("mia@acme.test");
        var space = (await mia.GetFromJsonAsync<JsonElement>("/api/spaces"))[0].GetProperty("id").GetString();
        var name = $"star-{Guid.NewGuid():N}"[..13] + ".txt";
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = name + " folder" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        using (var form = new MultipartFormDataContent { { new StringContent("starred"), "file", name } })
            Assert.True((await mia.PostAsync($"/api/spaces/{space}/files?parentId={folder}", form)).IsSuccessStatusCode);

        await using var browser = await Chromium.SessionAsync();
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mia@acme.test");
        await page.GotoAsync($"{host.BaseUrl}/files?space={space}&folder={folder}");
        await page.GetByLabel($"More actions for {name}").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to Starred" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove from Starred", IncludeHidden = true }).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).GetByRole(AriaRole.Img, new() { Name = "Starred" }).WaitForAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link, new() { Name = "Starred" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).WaitForAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link, new() { Name = "Recent" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await row.GetByRole(AriaRole.Button, new() { Name = $"Remove {name} from Starred" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Add {name} to Starred" }).WaitForAsync();
        await page.GotoAsync($"{host.BaseUrl}/starred");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).CountAsync());

        // Issue 28 (rough): the file's page puts what one does to it beside the file, not under it (it was a 1 780 px stack).
        await page.GotoAsync($"{host.BaseUrl}/files?space={space}&folder={folder}");
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await page.GetByLabel($"Content of {name}").WaitForAsync();
        var versions = (await page.GetByRole(AriaRole.Heading, new() { Name = "Versions" }).BoundingBoxAsync())!;
        Assert.True(versions.Y < 900, $"the versions start {versions.Y} px down, below the first screen");
        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        Assert.True(height < 1300, $"the file's page is {height} px tall");

        // Issue 28 (rough): at 1280 px an owner's header, with the admin console and the two new views, is one line.
        var owner = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await Chromium.SignInAsync(owner, host.BaseUrl, "olivia@acme.test");
        var header = (await owner.Locator("header").BoundingBoxAsync())!;
        var brand = (await owner.Locator("header .navbar-brand").BoundingBoxAsync())!;
        Assert.True(header.Height < brand.Height * 2.2, $"the header is {header.Height} px tall for a {brand.Height} px brand");
        Assert.True(await owner.EvaluateAsync<bool>("document.documentElement.scrollWidth <= innerWidth"), "the header runs off the page");
        foreach (var label in new[] { "Shared with me", "Sign out" })
        {
            // The lines its text takes: one rectangle per line.
            var lines = await owner.Locator("header").GetByText(label, new() { Exact = true }).First
                .EvaluateAsync<int>("e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length; }");
            Assert.True(lines == 1, $"\"{label}\" takes {lines} lines");
        }
    }
}
