using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Contracts;
using TeamShare.Links.Opening;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Pages.Recipient;

/// <summary>GET /s/{token}: the recipient page (LK-7) as HTML, or as JSON for <c>Accept: application/json</c>.</summary>
[AllowAnonymous]
public sealed class OpenModel(IMediator mediator, TimeProvider clock) : PageModel
{
    internal sealed record Entry(Guid Id, string Name, string Kind, long Size, string? PreviewUrl, string? DownloadUrl, string? OpenUrl);
    internal sealed record Permissions(bool Preview, bool Download, bool Edit, bool Upload);
    internal sealed record LinkView(string Name, string? Remarks, string TeamName, DateTime? ExpiresAt, Permissions Permissions,
        Guid? FolderId, IReadOnlyList<Entry> Items);

    internal LinkView? View { get; private set; }
    public string? RefusalTitle { get; private set; }
    public string? RefusalDetail { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, Guid? folder, CancellationToken ct)
    {
        RecipientHeaders.Apply(Response);
        var wantsJson = Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value?.Contains("json") == true);
        var gate = HttpContext.RequestServices.GetRequiredService<LinkGate>();
        var (link, refusal) = await gate.OpenAsync(token, User, ct);

        IReadOnlyList<ItemSummary>? items = null;
        if (link is not null)
        {
            items = link.Items;
            if (folder is { } folderId)
            {
                var target = await mediator.Send(new ResolveSharedItem(link.Share.TeamId, link.RootIds, folderId), ct);
                items = target?.Kind == "folder" ? await mediator.Send(new ListSharedChildren(link.Share.TeamId, folderId), ct) : null;
                if (items is null) refusal = LinkRefusal.NotFound;
            }
        }
        if (link is null || items is null)
        {
            var text = RefusalText.For(refusal);
            if (wantsJson) return new ProblemActionResult(RefusalText.Problem(refusal));
            Response.StatusCode = text.Status;
            (RefusalTitle, RefusalDetail) = (text.Title, text.Detail);
            return Page();
        }

        var s = link.Share;
        var prefix = $"/s/{token}";
        View = new LinkView(s.Name, s.Remarks, link.TeamName, s.ExpiresAt, new Permissions(s.AllowPreview, s.AllowDownload, false, false),
            folder, items.Select(i => new Entry(i.Id, i.Name, i.Kind, i.Size,
                i.Kind == "file" && s.AllowPreview ? $"{prefix}/items/{i.Id}/preview" : null,
                i.Kind == "file" && s.AllowDownload ? $"{prefix}/items/{i.Id}/download" : null,
                i.Kind == "folder" ? $"{prefix}?folder={i.Id}" : null)).ToList());
        await mediator.Publish(new LinkUsed(s.Id, s.TeamId, "opened", folder, clock.GetUtcNow().UtcDateTime), ct);
        return wantsJson ? new JsonResult(View) : Page();
    }

    /// <summary>Lets a page handler answer with the same RFC 7807 result the minimal APIs use.</summary>
    private sealed class ProblemActionResult(Microsoft.AspNetCore.Http.IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
