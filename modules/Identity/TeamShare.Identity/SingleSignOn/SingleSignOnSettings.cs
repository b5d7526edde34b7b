using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Identity.SingleSignOn;

/// <param name="ClientSecret">Write-only: kept when left out of a later save.</param>
/// <param name="Domains">The team's e-mail domains: people typing such an address are sent to the provider, and first sign-ins
/// from them may make accounts. Each is proven with a DNS TXT record before it counts.</param>
internal sealed record SingleSignOnRequest(string? Issuer, string? ClientId, string? ClientSecret, string? GroupsClaim, bool CreateAccounts,
    bool Required, IReadOnlyList<string>? Domains);

internal sealed record EmailDomainDto(string Domain, string Status, string RecordName, string RecordValue);

/// <param name="RedirectUri">What the owner registers at their provider.</param>
internal sealed record SingleSignOnDto(string? Issuer, string? ClientId, bool HasClientSecret, string? GroupsClaim, bool CreateAccounts, bool Required,
    string RedirectUri, IReadOnlyList<EmailDomainDto> Domains);

internal sealed record GetSingleSignOn(Guid TeamId, string PublicBase) : IRequest<SingleSignOnDto>;

/// <summary>Issue 29: the owner sets the team's OpenID provider; an empty issuer turns single sign-on off.</summary>
internal sealed record SaveSingleSignOn(Guid TeamId, string PublicBase, SingleSignOnRequest Settings) : IRequest<Outcome<SingleSignOnDto>>;

/// <summary>Looks for the TXT record of every domain still unproven.</summary>
internal sealed record VerifyEmailDomains(Guid TeamId, string PublicBase) : IRequest<Outcome<SingleSignOnDto>>;

internal sealed class SaveSingleSignOnValidator : IValidator<SaveSingleSignOn>
{
    public const int MaxDomains = 20;

    public IReadOnlyDictionary<string, string[]> Validate(SaveSingleSignOn request)
    {
        var s = request.Settings;
        if (string.IsNullOrWhiteSpace(s.Issuer)) return Invalid.None;
        if (IssuerProblem(s.Issuer) is { } issuer) return Invalid.Field("issuer", issuer);
        if (string.IsNullOrWhiteSpace(s.ClientId) || s.ClientId.Length > 500) return Invalid.Field("clientId", "Enter the client id your provider gave TeamShare.");
        if (s.ClientSecret is { Length: > 1000 }) return Invalid.Field("clientSecret", "Enter the client secret your provider gave TeamShare.");
        if (s.GroupsClaim is { Length: > 0 } claim && (claim.Length > 100 || !claim.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.' or '/')))
            return Invalid.Field("groupsClaim", "Enter the name of a claim, such as groups or roles.");
        if (s.Domains is { Count: > MaxDomains }) return Invalid.Field("domains", $"A team has at most {MaxDomains} e-mail domains.");
        if (s.Domains?.FirstOrDefault(d => EmailDomains.Normalize(d) is null) is { } bad)
            return Invalid.Field("domains", $"\"{bad}\" is not a domain; enter the part after @, such as example.com.");
        return Invalid.None;
    }

    /// <summary>HTTPS, as OpenID Connect requires; plain HTTP only on this machine (a provider beside a test or a demo).</summary>
    private static string? IssuerProblem(string issuer) =>
        !Uri.TryCreate(issuer.Trim(), UriKind.Absolute, out var uri) || issuer.Length > 500 || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? "Enter your provider's issuer, an https:// address such as https://login.example.com/realms/acme."
            : null;
}

internal sealed class SingleSignOnSettingsHandler(IdentityDbContext db, IDataProtectionProvider protection, DomainVerifier verifier, TimeProvider clock)
    : IRequestHandler<GetSingleSignOn, SingleSignOnDto>, IRequestHandler<SaveSingleSignOn, Outcome<SingleSignOnDto>>,
      IRequestHandler<VerifyEmailDomains, Outcome<SingleSignOnDto>>
{
    public async ValueTask<SingleSignOnDto> Handle(GetSingleSignOn request, CancellationToken ct) =>
        await DescribeAsync(request.TeamId, request.PublicBase, ct);

    public async ValueTask<Outcome<SingleSignOnDto>> Handle(SaveSingleSignOn request, CancellationToken ct)
    {
        var s = request.Settings;
        var row = await db.SingleSignOn.FirstOrDefaultAsync(x => x.TeamId == request.TeamId, ct);
        if (string.IsNullOrWhiteSpace(s.Issuer))
        {
            if (row is not null) db.SingleSignOn.Remove(row);
        }
        else
        {
            if (row is null && string.IsNullOrEmpty(s.ClientSecret))
                return Outcome<SingleSignOnDto>.Invalid("clientSecret", "Enter the client secret your provider gave TeamShare.");
            if (row is null) db.SingleSignOn.Add(row = new TeamSingleSignOn { TeamId = request.TeamId, Issuer = "", ClientId = "", ProtectedClientSecret = "" });
            row.Issuer = s.Issuer.Trim().TrimEnd('/');
            row.ClientId = s.ClientId!.Trim();
            if (!string.IsNullOrEmpty(s.ClientSecret)) row.ProtectedClientSecret = StoredSecrets.Protect(protection, StoredSecrets.ClientSecret, s.ClientSecret);
            row.GroupsClaim = string.IsNullOrWhiteSpace(s.GroupsClaim) ? null : s.GroupsClaim.Trim();
            row.CreateAccounts = s.CreateAccounts;
            row.Required = s.Required;
            row.Version = Guid.NewGuid();
            row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }
        await SetDomainsAsync(request.TeamId, s.Domains ?? [], ct);
        await db.SaveChangesAsync(ct);
        return Outcome<SingleSignOnDto>.Success(await DescribeAsync(request.TeamId, request.PublicBase, ct));
    }

    /// <summary>The listed domains stay (with their proof) or start unproven with a fresh token; unlisted ones go.</summary>
    private async Task SetDomainsAsync(Guid teamId, IReadOnlyList<string> domains, CancellationToken ct)
    {
        var wanted = domains.Select(EmailDomains.Normalize).OfType<string>().Distinct().ToHashSet();
        var stored = await db.EmailDomains.Where(d => d.TeamId == teamId).ToListAsync(ct);
        db.EmailDomains.RemoveRange(stored.Where(d => !wanted.Contains(d.Domain)));
        foreach (var domain in wanted.Except(stored.Select(d => d.Domain)))
            db.EmailDomains.Add(new TeamEmailDomain { TeamId = teamId, Domain = domain, Token = Tokens.New(16) });
    }

    public async ValueTask<Outcome<SingleSignOnDto>> Handle(VerifyEmailDomains request, CancellationToken ct)
    {
        var pending = await db.EmailDomains.Where(d => d.TeamId == request.TeamId && d.VerifiedAt == null).ToListAsync(ct);
        if (pending.Count == 0 && !await db.EmailDomains.AnyAsync(d => d.TeamId == request.TeamId, ct))
            return Outcome<SingleSignOnDto>.Invalid("domains", "Add your team's e-mail domain first.");
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var domain in pending)
            switch (await verifier.ProveAsync(domain.Domain, domain.Token,
                        c => db.EmailDomains.AnyAsync(d => d.Domain == domain.Domain && d.TeamId != request.TeamId && d.VerifiedAt != null, c), ct))
            {
                case DomainProof.Taken: return Outcome<SingleSignOnDto>.Conflict("domains", $"{domain.Domain}: {DomainVerifier.TakenMessage}");
                case DomainProof.Proven: domain.VerifiedAt = now; break;
            }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another team proved the same domain at the same moment; the unique index let one of them through.
            return Outcome<SingleSignOnDto>.Conflict("domains", DomainVerifier.TakenMessage);
        }
        return Outcome<SingleSignOnDto>.Success(await DescribeAsync(request.TeamId, request.PublicBase, ct));
    }

    private async Task<SingleSignOnDto> DescribeAsync(Guid teamId, string publicBase, CancellationToken ct)
    {
        var row = await db.SingleSignOn.AsNoTracking().FirstOrDefaultAsync(x => x.TeamId == teamId, ct);
        var domains = await db.EmailDomains.AsNoTracking().Where(d => d.TeamId == teamId).OrderBy(d => d.Domain)
            .Select(d => new EmailDomainDto(d.Domain, d.VerifiedAt == null ? "pending" : "verified", DomainVerifier.RecordName(d.Domain), DomainVerifier.RecordValue(d.Token)))
            .ToListAsync(ct);
        return new SingleSignOnDto(row?.Issuer, row?.ClientId, row is not null, row?.GroupsClaim, row?.CreateAccounts ?? false, row?.Required ?? false,
            SingleSignOnPaths.Callback(publicBase, teamId), domains);
    }
}

internal static class EmailDomains
{
    /// <summary>The lower-case domain, or null when it is not a host name with a dot.</summary>
    public static string? Normalize(string? domain)
    {
        var d = domain?.Trim().TrimEnd('.').ToLowerInvariant();
        return d is { Length: > 0 and <= 200 } && d.Contains('.') && Uri.CheckHostName(d) == UriHostNameType.Dns ? d : null;
    }

    public static string? Of(string email) => email.LastIndexOf('@') is var at and > 0 ? Normalize(email[(at + 1)..]) : null;
}

internal static class SingleSignOnPaths
{
    public static string Start(Guid teamId) => $"/signin/sso/{teamId}";
    public static string CallbackPath(Guid teamId) => $"/signin/sso/{teamId}/callback";
    public static string Callback(string publicBase, Guid teamId) => publicBase.TrimEnd('/') + CallbackPath(teamId);
}
