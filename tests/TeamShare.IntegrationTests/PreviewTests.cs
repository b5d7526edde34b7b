using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 25 (SP-4, LK-2): documents preview as rendered pages through the real LibreOffice and poppler, for members and for
/// preview-only recipients, who can get none of a document's bytes; the preview limit counts people, not pages; hostile files
/// end as "failed" and the server goes on. Rendering does not depend on the database, so these run on SQLite only.
/// </summary>
[StartsEarly("Waits on LibreOffice renders.")]
public sealed class PreviewTests(TeamShareFactory factory, Documents documents) : IClassFixture<TeamShareFactory>, IClassFixture<Documents>
{
    private static readonly TimeSpan RenderDeadline = TimeSpan.FromSeconds(120);

    [SqliteFact]
    public async Task SP4_office_documents_and_pdf_render_to_pages_that_read_their_words_for_members_and_preview_only_recipients()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var files = new (string Name, byte[] Bytes, int Pages)[]
        {
            ("plan.docx", documents.Docx, 1), ("plan.odt", documents.Odt, 1), ("sheet.xlsx", documents.Xlsx, 1), ("deck.pptx", documents.Pptx, 1),
            ("report.pdf", Documents.Pdf([Documents.Words, "Second page", "Third page"]), 3),
        };
        var ids = new List<string>();
        foreach (var file in files) ids.Add((await mia.UploadOk(space, $"{Guid.NewGuid():N}-{file.Name}", file.Bytes)).Id());

        foreach (var (file, id) in files.Zip(ids))
        {
            var pages = await ReadyAsync(mia, $"/api/items/{id}/pages");
            Assert.True(pages.GetProperty("pages").GetInt32() == file.Pages, $"{file.Name}: {pages}");
            var first = await mia.GetAsync($"/api/items/{id}/pages/1");
            Assert.Equal("image/png", first.Content.Headers.ContentType?.MediaType);
            var text = Documents.Ocr(await first.Content.ReadAsByteArrayAsync());
            Assert.True(text.Contains("budget", StringComparison.OrdinalIgnoreCase), $"{file.Name} page 1 reads: {text}");
            var thumbnail = await mia.GetByteArrayAsync($"/api/items/{id}/thumbnail");
            Assert.True(PngSize(thumbnail) is var (w, h) && Math.Max(w, h) <= 256, file.Name);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await mia.GetAsync($"/api/items/{ids[4]}/pages/4")).StatusCode);

        // A preview-only recipient reads the same pages through the link.
        var share = await mia.ShareOk(new { itemIds = ids, allowDownload = false });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var visitor = factory.Client();
        var pdf = await ReadyAsync(visitor, $"/s/{token}/items/{ids[4]}/pages");
        Assert.Equal(3, pdf.GetProperty("pages").GetInt32());
        var third = await visitor.GetAsync($"/s/{token}/items/{ids[4]}/pages/3");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Contains("Third", Documents.Ocr(await third.Content.ReadAsByteArrayAsync()));
        await ReadyAsync(visitor, $"/s/{token}/items/{ids[0]}/pages");
        var docx = Documents.Ocr(await visitor.GetByteArrayAsync($"/s/{token}/items/{ids[0]}/pages/1"));
        Assert.True(docx.Contains("budget", StringComparison.OrdinalIgnoreCase), docx);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{ids[0]}/thumbnail")).StatusCode);
    }

    [SqliteFact]
    public async Task SP4_a_preview_only_link_never_hands_out_the_bytes_of_a_document_or_pdf()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var pdfBytes = Documents.Pdf(["Confidential terms"]);
        var docx = (await mia.UploadOk(space, $"{Guid.NewGuid():N}.docx", documents.Docx)).Id();
        var pdf = (await mia.UploadOk(space, $"{Guid.NewGuid():N}.pdf", pdfBytes)).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { docx, pdf }, allowDownload = false })).GetProperty("url").GetString()!);
        var visitor = factory.Client();
        await ReadyAsync(visitor, $"/s/{token}/items/{pdf}/pages");

        var originals = new[] { documents.Docx, pdfBytes };
        foreach (var id in new[] { docx, pdf })
        foreach (var path in new[] { "preview", "download", "content", "pages/1", "thumbnail" })
        foreach (var range in new[] { null, "bytes=0-", "bytes=-100000", "bytes=0-10" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{token}/items/{id}/{path}");
            if (range is not null) request.Headers.TryAddWithoutValidation("Range", range);
            var body = await (await visitor.SendAsync(request)).Content.ReadAsByteArrayAsync();
            Assert.DoesNotContain(originals, o => body.Length >= 10 && o.AsSpan().IndexOf(body.AsSpan(0, Math.Min(body.Length, 64))) >= 0);
        }
        // Nor does the link's WebDAV: a client lists the files, and every GET of them is refused.
        foreach (var id in new[] { docx, pdf })
        {
            var name = (await (await mia.GetAsync($"/api/items/{id}")).Json()).GetProperty("name").GetString();
            var dav = await visitor.GetAsync($"/dav/links/{token}/{Uri.EscapeDataString(name!)}");
            Assert.Equal(HttpStatusCode.Forbidden, dav.StatusCode);
        }
    }

    [SqliteFact]
    public async Task LK2_a_preview_limit_counts_people_not_pages_and_pages_need_a_counted_open()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var pdf = (await mia.UploadOk(space, $"{Guid.NewGuid():N}.pdf", Documents.Pdf(["One", "Two", "Three"]))).Id();
        var limited = await mia.ShareOk(new { itemIds = new[] { pdf }, previewLimit = 2, allowDownload = false });
        var token = Api.TokenOf(limited.GetProperty("url").GetString()!);
        await ReadyAsync(mia, $"/api/items/{pdf}/pages");

        // A page without an opened preview is refused, and asking counts nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client().GetAsync($"/s/{token}/items/{pdf}/pages/1")).StatusCode);
        var first = factory.Client();
        var second = factory.Client();
        Assert.Equal(3, (await ReadyAsync(first, $"/s/{token}/items/{pdf}/pages")).GetProperty("pages").GetInt32());
        Assert.Equal(3, (await ReadyAsync(second, $"/s/{token}/items/{pdf}/pages")).GetProperty("pages").GetInt32());
        // Both read every page, back and forth, after the limit is reached.
        foreach (var visitor in new[] { first, second })
        foreach (var page in new[] { 1, 2, 3, 2, 1 })
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{pdf}/pages/{page}")).StatusCode);
        var third = factory.Client();
        Assert.Equal(HttpStatusCode.Gone, (await third.GetAsync($"/s/{token}/items/{pdf}/pages")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await third.GetAsync($"/s/{token}/items/{pdf}/pages/1")).StatusCode);
        Assert.Equal(2, await PreviewCountAsync(mia, limited.Id()));

        var crowd = await mia.ShareOk(new { itemIds = new[] { pdf }, previewLimit = 10, allowDownload = false });
        var crowdToken = Api.TokenOf(crowd.GetProperty("url").GetString()!);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
            (await factory.Client().GetAsync($"/s/{crowdToken}/items/{pdf}/pages")).StatusCode));
        Assert.Equal(10, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(10, await PreviewCountAsync(mia, crowd.Id()));
    }

    [SqliteFact]
    public async Task SP4_hostile_files_end_as_failed_and_the_server_goes_on_rendering()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var hostile = new[]
        {
            ("random.docx", RandomNumberGenerator.GetBytes(64 * 1024)), ("bomb.docx", Documents.ZipBomb()),
            ("locked.docx", Documents.EncryptedDocx()), ("broken.pdf", "%PDF-1.4\nthis is not a pdf"u8.ToArray()),
            ("random.png", RandomNumberGenerator.GetBytes(4096)),
        };
        var ids = new List<(string Name, string Id)>();
        foreach (var (name, bytes) in hostile) ids.Add((name, (await mia.UploadOk(space, $"{Guid.NewGuid():N}-{name}", bytes)).Id()));
        foreach (var (name, id) in ids)
        {
            var pages = await ReadyAsync(mia, $"/api/items/{id}/pages", expect: "failed");
            Assert.True(pages.GetProperty("status").GetString() == "failed", $"{name}: {pages}");
            Assert.Equal(HttpStatusCode.NotFound, (await mia.GetAsync($"/api/items/{id}/pages/1")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await factory.Anonymous().GetAsync("/health/ready")).StatusCode);
        var good = (await mia.UploadOk(space, $"{Guid.NewGuid():N}-after.odt", documents.Odt)).Id();
        Assert.Equal("ready", (await ReadyAsync(mia, $"/api/items/{good}/pages")).GetProperty("status").GetString());
    }

    [SqliteFact]
    public async Task SP4_kinds_without_pages_say_so_and_text_still_previews()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var zip = (await mia.UploadOk(space, $"{Guid.NewGuid():N}.zip", [1, 2, 3])).Id();
        var pages = await (await mia.GetAsync($"/api/items/{zip}/pages")).Json();
        Assert.Equal("unsupported", pages.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await mia.GetAsync($"/api/items/{zip}/thumbnail")).StatusCode);
        var other = await factory.ClientForAsync("gary@globex.test");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/items/{zip}/pages")).StatusCode);
    }

    [SqliteFact]
    public async Task SP4_pages_shown_outside_the_team_carry_the_invited_address_or_the_link_and_the_switch_turns_it_off()
    {
        await factory.AllowAnyoneByEmailAsync();
        await factory.ChangePolicyAsync(s => s["requireRecipientCode"] = false);
        try
        {
            var mia = await factory.ClientForAsync("mia@acme.test");
            var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"{Guid.NewGuid():N}.pdf", Documents.Pdf(["Plain words"]))).Id();
            await ReadyAsync(mia, $"/api/items/{item}/pages");
            var members = await mia.GetByteArrayAsync($"/api/items/{item}/pages/1");
            Assert.DoesNotContain("example", Documents.Ocr(members));

            var invited = await (await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
            {
                recipients = new[] { new { kind = "external", email = "reader@example.org" } }, role = "viewer", acknowledgeExternal = true,
            })).Json();
            var x = new Uri(invited.GetProperty("externalLinks")[0].GetProperty("url").GetString()!).AbsolutePath;
            var outsider = factory.Client();
            await ReadyAsync(outsider, $"{x}/items/{item}/pages");
            var marked = await outsider.GetByteArrayAsync($"{x}/items/{item}/pages/1");
            Assert.NotEqual(members, marked);
            var read = Documents.Ocr(marked);
            Assert.True(read.Contains("reader@example.org"), read);

            var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item }, name = "Board pack" })).GetProperty("url").GetString()!);
            var stranger = factory.Client();
            await ReadyAsync(stranger, $"/s/{token}/items/{item}/pages");
            var board = Documents.Ocr(await stranger.GetByteArrayAsync($"/s/{token}/items/{item}/pages/1"));
            Assert.True(board.Contains("Board pack"), board);
            // A member of the team opening the same link sees the page as it is.
            var signedIn = await Browsers.SignedInAsync(factory, "mark@acme.test");
            await ReadyAsync(signedIn, $"/s/{token}/items/{item}/pages");
            Assert.Equal(members, await signedIn.GetByteArrayAsync($"/s/{token}/items/{item}/pages/1"));

            await factory.ChangePolicyAsync(s => s["watermarkOutsidePages"] = false);
            Assert.Equal(members, await outsider.GetByteArrayAsync($"{x}/items/{item}/pages/1"));
            Assert.Equal(members, await stranger.GetByteArrayAsync($"/s/{token}/items/{item}/pages/1"));
        }
        finally
        {
            await factory.ChangePolicyAsync(s => { s["requireRecipientCode"] = true; s["watermarkOutsidePages"] = true; });
        }
    }

    [SqliteFact]
    public async Task SP4_a_server_without_the_renderer_says_preview_not_available_and_still_scales_images()
    {
        using var bare = new TeamShareFactory { Settings = { ["TeamShare:Previews:ProgramPath"] = "/nonexistent" } };
        var mia = await bare.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var docx = (await mia.UploadOk(space, "plan.docx", documents.Docx)).Id();
        var pages = await (await mia.GetAsync($"/api/items/{docx}/pages")).Json();
        Assert.Equal("unsupported", pages.GetProperty("status").GetString());
        Assert.Equal("not_available", pages.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await mia.GetAsync($"/api/items/{docx}/pages/1")).StatusCode);
        var page = await (await Browsers.SignedInAsync(bare, "mia@acme.test")).GetStringAsync($"/items/{docx}");
        Assert.Contains("data-pages-viewer", page);

        // Images need no outside program: they are scaled in process.
        var png = (await mia.UploadOk(space, "dot.png", Convert.FromBase64String(OnePixelPng))).Id();
        Assert.Equal("ready", (await ReadyAsync(mia, $"/api/items/{png}/pages")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync($"/api/items/{png}/thumbnail")).StatusCode);
    }

    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    /// <summary>Asks until the render is done (the deadline only bounds a broken renderer; no time is asserted).</summary>
    private static async Task<JsonElement> ReadyAsync(HttpClient client, string url, string expect = "ready")
    {
        var deadline = DateTime.UtcNow + RenderDeadline;
        while (true)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var body = await response.Json();
            if (body.GetProperty("status").GetString() != "rendering" || DateTime.UtcNow > deadline) return body;
            await Task.Delay(200);
        }
    }

    private static async Task<int> PreviewCountAsync(HttpClient owner, string shareId) =>
        (await (await owner.GetAsync($"/api/shares/{shareId}")).Json()).GetProperty("previewCount").GetInt32();

    private static (int Width, int Height) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}

/// <summary>A fact that runs in the SQLite pass only: what it proves does not depend on the database provider.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.OnPostgres) Skip = "Provider-independent; proved in the SQLite pass.";
    }
}
