using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mediator;
using TeamShare.Identity.AccessTokens;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Identity.Pages.Account;

/// <summary>
/// Your files as a network drive: the WebDAV address, how to connect from each system, and an app password for it (named for
/// the device, shown once, good for the drive only (issue 29); revoked on the account page beside the tokens).
/// </summary>
public sealed class WebDavModel(IMediator mediator) : PageModel
{
    public string Address { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string? NewPassword { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<VisibleSpace> Spaces { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => DescribeAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? device, CancellationToken ct)
    {
        if (AppPasswords.NameFor(device) is not { } name) Error = AppPasswords.NameProblem;
        else NewPassword = (await mediator.Send(new IssueToken(User.GetUserId(), name, Data.TokenKinds.AppPassword), ct)).Token;
        if (Error is not null) Response.StatusCode = 400;
        await DescribeAsync(ct);
        return Page();
    }

    private async Task DescribeAsync(CancellationToken ct)
    {
        Address = PublicAddress.ForMessages(HttpContext) + "/dav/";
        Email = User.FindFirst(TeamShareClaims.Email)?.Value ?? "";
        Spaces = await mediator.Send(new ListVisibleSpaces(User.GetUserId(), User.GetTeamId(), SharedKernel.Localization.Cultures.OfAccount(User)), ct);
    }
}
