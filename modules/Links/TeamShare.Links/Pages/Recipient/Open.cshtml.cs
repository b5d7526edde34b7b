using TeamShare.SharedKernel.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Identity.Contracts;
using TeamShare.Links.Contracts;
using TeamShare.Links.Opening;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Pages.Recipient;

/// <summary>
/// The recipient page (LK-7) at /s/{token} and /q/{code}: HTML, or JSON for <c>Accept: application/json</c>, from one
/// handler so the two can never disagree. A drop box (preview off) lists nothing.
/// </summary>
[AllowAnonymous]
public class OpenModel(IMediator mediator, TimeProvider clock) : PageModel
{
    internal sealed record Entry(Guid Id, string Name, string Kind, long Size, string? PreviewUrl, string? DownloadUrl, string? OpenUrl, string? EditUrl,
        string? ContentType);
    internal sealed record Permissions(bool Preview, bool Download, bool Edit, bool Upload);
    internal sealed record LinkView(string Name, string? Remarks, string TeamName, DateTime? ExpiresAt, Permissions Permissions,
        Guid? FolderId, string? UploadUrl, IReadOnlyList<Entry> Items, string SharedBy);

    internal LinkView? View { get; private set; }
    public string? RefusalTitle { get; private set; }
    public string? RefusalDetail { get; private set; }
    public bool AskForPassword { get; private set; }
    public string EntryPath { get; private set; } = "";
    /// <summary>Where to sign in and come back, when signing in would open the link (team-only and "people with access" links).</summary>
    public string? SignInUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, Guid? folder, CancellationToken ct)
    {
        RecipientHeaders.Apply(Response);
        var wantsJson = Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value?.Contains("json") == true);
        var entry = LinkRoutes.EntryOf(HttpContext, token);
        EntryPath = entry.Path;
        var gate = HttpContext.RequestServices.GetRequiredService<LinkGate>();
        var (link, refusal) = await gate.OpenAsync(entry, HttpContext, ct);

        IReadOnlyList<ItemSummary>? items = null;
        if (link is not null)
        {
            items = link.Share.AllowPreview ? link.Items : [];
            if (folder is { } folderId)
            {
                var target = link.Share.AllowPreview ? await gate.ResolveAsync(link, folderId, User, ct) : null;
                items = target?.Kind == "folder" ? await gate.ChildrenAsync(link, folderId, User, ct) : null;
                if (items is null) refusal = LinkRefusal.NotFound;
            }
            // A link to one folder opens on what is in it, as Dropbox and Drive do, not on a row naming the folder (issue 12).
            else if (link.Share.AllowPreview && link.Items is [{ Kind: "folder" } only])
                items = await gate.ChildrenAsync(link, only.Id, User, ct);
        }
        if (link is null || items is null)
        {
            if (wantsJson) return new ProblemActionResult(RefusalText.Problem(refusal));
            var text = RefusalText.For(refusal);
            Response.StatusCode = text.Status;
            (RefusalTitle, RefusalDetail, AskForPassword) = (text.Title, text.Detail, refusal == LinkRefusal.PasswordRequired);
            var signedIn = User.Identity?.IsAuthenticated == true;
            if (refusal is LinkRefusal.SignInRequired or LinkRefusal.Restricted && !signedIn)
                SignInUrl = "/signin?ReturnUrl=" + Uri.EscapeDataString(entry.Path + Request.QueryString);
            else if (refusal == LinkRefusal.SignInRequired)
                // Signed in, but to another team: signing in again would not help (issue 12).
                (RefusalTitle, RefusalDetail) = ("Only for the team that shared it",
                    "This link is only for members of the team that shared it, and you are signed in to another team.");
            return Page();
        }

        var s = link.Share;
        var prefix = entry.Path;
        var uploadTarget = folder ?? link.Items.FirstOrDefault(i => i.Kind == "folder")?.Id;
        View = new LinkView(s.Name, s.Remarks, link.TeamName, s.ExpiresAt, new Permissions(s.AllowPreview, s.AllowDownload && s.AllowPreview, s.AllowEdit, s.AllowUpload),
            folder, s.AllowUpload && uploadTarget is not null ? $"{prefix}/upload?folderId={uploadTarget}" : null,
            items.Select(i => new Entry(i.Id, i.Name, i.Kind, i.Size,
                i.Previewable ? $"{prefix}/items/{i.Id}/preview" : null,
                i.Kind == "file" && s.AllowDownload ? $"{prefix}/items/{i.Id}/download" : null,
                i.Kind == "folder" ? $"{prefix}?folder={i.Id}" : null,
                i.Kind == "file" && s.AllowEdit ? $"{prefix}/items/{i.Id}/content" : null, i.ContentType)).ToList(),
            link.SharedBy);
        HttpContext.RequestServices.GetRequiredService<LinkUses>().Record(new LinkUsed(s.Id, s.TeamId, "opened", folder, clock.GetUtcNow().UtcDateTime));
        return wantsJson ? new JsonResult(View) : Page();
    }

    /// <summary>Lets a page handler answer with the same RFC 7807 result the minimal APIs use.</summary>
    private sealed class ProblemActionResult(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
