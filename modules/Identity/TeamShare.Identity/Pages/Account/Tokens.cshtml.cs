using TeamShare.SharedKernel.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mediator;
using TeamShare.Identity.AccessTokens;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Account;

/// <summary>Your account: your name and the time zone of your mails; change your password; personal access tokens for scripts (ID-8): create (shown once) and revoke.</summary>
public sealed class TokensModel(IMediator mediator) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string? ProfileMessage { get; private set; }
    public bool ProfileSaved { get; private set; }
    public string? TimeZone { get; private set; }
    public string? TimeZoneMessage { get; private set; }
    public bool TimeZoneSaved { get; private set; }
    public string? PasswordMessage { get; private set; }
    internal TwoFactor.SecondFactorStatus SecondFactor { get; private set; } = new(false, false, 0, false);
    internal TwoFactor.TotpSetupDto? TotpSetup { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string? TwoFactorMessage { get; private set; }
    public bool TwoFactorOk { get; private set; }
    public bool PasswordChanged { get; private set; }

    internal IReadOnlyList<TokenDto> Tokens { get; private set; } = [];
    internal IReadOnlyList<Passkeys.PasskeyDto> Passkeys { get; private set; } = [];
    public string? NewToken { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        DisplayName = User.Identity?.Name ?? "";
        TimeZone = (await mediator.Send(new Me.GetMe(User.GetUserId()), ct)).TimeZone;
        SecondFactor = await mediator.Send(new TwoFactor.GetSecondFactor(User.GetUserId()), ct);
        Tokens = await mediator.Send(new ListTokens(User.GetUserId()), ct);
        Passkeys = await mediator.Send(new Passkeys.ListPasskeys(User.GetUserId()), ct);
    }

    public async Task<IActionResult> OnPostProfileAsync(string? displayName, CancellationToken ct)
    {
        var outcome = await mediator.Send(new Me.SetDisplayName(User.GetUserId(), displayName), ct);
        await OnGetAsync(ct);
        ProfileSaved = outcome.Ok;
        ProfileMessage = outcome.Ok ? "Your name is saved." : outcome.Message;
        DisplayName = outcome.Value?.DisplayName ?? displayName ?? "";
        if (!outcome.Ok) Response.StatusCode = RefusalStatus.Of(outcome.Refusal);
        return Page();
    }

    public async Task<IActionResult> OnPostTimeZoneAsync(string? timeZone, CancellationToken ct)
    {
        var outcome = await mediator.Send(new Me.SetTimeZone(User.GetUserId(), timeZone), ct);
        await OnGetAsync(ct);
        TimeZoneSaved = outcome.Ok;
        TimeZoneMessage = outcome.Ok ? "Your mails now give times in this zone." : outcome.Message;
        if (!outcome.Ok) Response.StatusCode = RefusalStatus.Of(outcome.Refusal);
        return Page();
    }

    /// <param name="scopes">The boxes ticked (issue 29); none: everything the member's role allows.</param>
    /// <summary>Issue 29: set up an authenticator app; the secret is shown with the form that confirms it.</summary>
    public async Task<IActionResult> OnPostTotpStartAsync(CancellationToken ct)
    {
        var outcome = await mediator.Send(new TwoFactor.StartTotp(User.GetUserId()), ct);
        await OnGetAsync(ct);
        if (outcome.Ok) TotpSetup = outcome.Value;
        else (TwoFactorMessage, Response.StatusCode) = (outcome.Message, RefusalStatus.Of(outcome.Refusal));
        return Page();
    }

    public async Task<IActionResult> OnPostTotpConfirmAsync(string? code, CancellationToken ct)
    {
        var outcome = await mediator.Send(new TwoFactor.ConfirmTotp(User.GetUserId(), code), ct);
        await OnGetAsync(ct);
        (TwoFactorOk, RecoveryCodes) = (outcome.Ok, outcome.Value?.RecoveryCodes);
        TwoFactorMessage = outcome.Ok ? "Two-factor sign-in is on. Keep these recovery codes somewhere safe: each works once, and they will not be shown again." : outcome.Message;
        if (!outcome.Ok) Response.StatusCode = RefusalStatus.Of(outcome.Refusal);
        return Page();
    }

    public async Task<IActionResult> OnPostTotpRemoveAsync(string? password, CancellationToken ct)
    {
        var outcome = await mediator.Send(new TwoFactor.RemoveTotp(Me.Confirmed.By(User, HttpContext, password)), ct);
        await OnGetAsync(ct);
        (TwoFactorOk, TwoFactorMessage) = outcome.Ok
            ? (true, "Two-factor sign-in is off: your password alone signs you in.")
            : (false, outcome.Message);
        if (!outcome.Ok) Response.StatusCode = RefusalStatus.Of(outcome.Refusal);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, string[] scopes, CancellationToken ct)
    {
        if (TokenIssuer.NameProblem(name) is { } problem) Error = problem;
        else if (scopes.Length > 0 && TokenIssuer.ScopesProblem(scopes) is { } wrong) Error = wrong;
        else NewToken = (await mediator.Send(new IssueToken(User.GetUserId(), name!.Trim(), Scopes: scopes.Length > 0 ? scopes : null), ct)).Token;
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync(string? currentPassword, string? newPassword, CancellationToken ct)
    {
        var outcome = await mediator.Send(Me.ChangePasswordHandler.For(User, HttpContext, currentPassword, newPassword), ct);
        PasswordChanged = outcome.Ok;
        PasswordMessage = outcome.Ok ? "Your password is changed. Other browsers you were signed in on are signed out." : outcome.Message;
        if (!outcome.Ok) Response.StatusCode = RefusalStatus.Of(outcome.Refusal);
        await OnGetAsync(ct);
        return Page();
    }

    public string? PasskeyMessage { get; private set; }

    public async Task<IActionResult> OnPostPasskeyRemoveAsync(Guid id, string? password, CancellationToken ct)
    {
        var outcome = await mediator.Send(new Passkeys.RemovePasskey(Me.Confirmed.By(User, HttpContext, password), id), ct);
        if (outcome.Ok || outcome.Refusal == Refused.NotFound) return RedirectToPage(null, null, "passkeys");
        await OnGetAsync(ct);
        PasskeyMessage = outcome.Message;
        Response.StatusCode = RefusalStatus.Of(outcome.Refusal);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        await mediator.Send(new RevokeToken(User.GetUserId(), id), ct);
        return RedirectToPage();
    }
}
