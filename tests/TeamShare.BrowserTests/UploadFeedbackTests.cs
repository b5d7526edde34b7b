using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace TeamShare.BrowserTests;

/// <summary>TeamShare with a 2 000-byte upload limit, so a too-large file is easy to make.</summary>
public sealed class SmallUploadHost : HostProcess
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("TeamShare__MaxUploadBytes", "2000")];
}

/// <summary>Issue 12: uploads that partly fail say so after the list refreshes; a drop box takes dragged files and explains a refusal.</summary>
public sealed class UploadFeedbackTests(SmallUploadHost host) : IClassFixture<SmallUploadHost>
{
    private static FilePayload File(string name, int size) => new() { Name = name, MimeType = "application/octet-stream", Buffer = new byte[size] };

    [Fact]
    public async Task Issue12_when_one_file_of_several_fails_the_list_refreshes_and_still_says_which_failed()
    {
        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, host.BaseUrl, "mark@acme.test");
        await page.GetByLabel("Upload files").SetInputFilesAsync([File("fits.bin", 100), File("too-big.bin", 5000)]);
        await page.GetByRole(AriaRole.Link, new() { Name = "fits.bin", Exact = true }).WaitForAsync();
        await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "too-big.bin: Files can be at most 2,000 bytes." }).WaitForAsync();
    }

    [Fact]
    public async Task Issue12_a_drop_box_takes_dragged_files_and_explains_a_file_too_large()
    {
        using var api = await host.ApiAsync("mia@acme.test");
        var space = (await api.GetFromJsonAsync<JsonElement>("/api/spaces"))[0].GetProperty("id").GetString();
        var folder = (await (await api.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = "Dropped in" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var url = (await (await api.PostAsJsonAsync("/api/shares", new { itemIds = new[] { folder }, allowPreview = false, allowUpload = true }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        await using var browser = await Chromium.SessionAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url);
        await page.EvaluateAsync("""
            () => {
              const transfer = new DataTransfer();
              transfer.items.add(new File(['hello from outside'], 'dragged.txt', { type: 'text/plain' }));
              transfer.items.add(new File([new Uint8Array(5000)], 'huge.bin'));
              document.getElementById('link-drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """);
        await page.GetByText("dragged.txt: uploaded").WaitForAsync();
        await page.GetByText("huge.bin: Files can be at most 2,000 bytes.").WaitForAsync();
        var items = await api.GetFromJsonAsync<JsonElement>($"/api/spaces/{space}/items?parentId={folder}");
        Assert.Equal(["dragged.txt"], items.EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }
}
