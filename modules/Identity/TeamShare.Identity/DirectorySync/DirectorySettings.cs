using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Identity.DirectorySync;

/// <param name="BindPassword">Write-only: kept when left out of a later save.</param>
internal sealed record DirectoryRequest(string? Url, string? BindDn, string? BindPassword, string? BaseDn, string? UserFilter, string? GroupFilter,
    string? EmailAttribute, string? NameAttribute, string? MemberAttribute);

internal sealed record DirectorySettingsDto(string? Url, string? BindDn, bool HasBindPassword, string? BaseDn, string UserFilter, string GroupFilter,
    string EmailAttribute, string NameAttribute, string MemberAttribute, DateTime? LastSyncAt, string? LastSyncResult);

internal sealed record GetDirectory(Guid TeamId) : IRequest<DirectorySettingsDto>;

/// <summary>Issue 29: the owner connects the team's LDAP directory; an empty URL disconnects it (its members stay as they are).</summary>
internal sealed record SaveDirectory(Guid TeamId, DirectoryRequest Settings) : IRequest<Outcome<DirectorySettingsDto>>;

/// <summary>OpenLDAP's usual schema; Active Directory wants (&amp;(objectCategory=person)(objectClass=user)), (objectClass=group) and displayName.</summary>
internal static class DirectoryDefaults
{
    public const string UserFilter = "(objectClass=inetOrgPerson)", GroupFilter = "(objectClass=groupOfNames)";
    public const string EmailAttribute = "mail", NameAttribute = "cn", MemberAttribute = "member";
}

internal sealed class SaveDirectoryValidator : IValidator<SaveDirectory>
{
    public IReadOnlyDictionary<string, string[]> Validate(SaveDirectory request)
    {
        var s = request.Settings;
        if (string.IsNullOrWhiteSpace(s.Url)) return Invalid.None;
        if (!Uri.TryCreate(s.Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("ldap" or "ldaps") || uri.Host.Length == 0
            || uri.AbsolutePath is not ("" or "/") || s.Url.Length > 500)
            return Invalid.Field("url", "Enter the directory's address, such as ldaps://ldap.example.com or ldap://10.0.0.5:389.");
        if (string.IsNullOrWhiteSpace(s.BaseDn) || s.BaseDn.Length > 500 || !s.BaseDn.Contains('='))
            return Invalid.Field("baseDn", "Enter where people and groups are found, such as dc=example,dc=com.");
        if (s.BindDn is { Length: > 500 }) return Invalid.Field("bindDn", "Enter the DN TeamShare signs in to the directory as.");
        if (s.BindPassword is { Length: > 1000 }) return Invalid.Field("bindPassword", "Enter the password of that DN.");
        foreach (var (field, filter) in new[] { ("userFilter", s.UserFilter), ("groupFilter", s.GroupFilter) })
            if (filter is { Length: > 0 } f && (f.Length > 1000 || !f.Trim().StartsWith('(') || !f.Trim().EndsWith(')')))
                return Invalid.Field(field, "Enter an LDAP filter in parentheses, such as (objectClass=inetOrgPerson).");
        foreach (var (field, attribute) in new[] { ("emailAttribute", s.EmailAttribute), ("nameAttribute", s.NameAttribute), ("memberAttribute", s.MemberAttribute) })
            if (attribute is { Length: > 0 } a && (a.Length > 100 || !a.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ';')))
                return Invalid.Field(field, "Enter an attribute name, such as mail, cn or member.");
        return Invalid.None;
    }
}

internal sealed class DirectorySettingsHandler(IdentityDbContext db, IDataProtectionProvider protection)
    : IRequestHandler<GetDirectory, DirectorySettingsDto>, IRequestHandler<SaveDirectory, Outcome<DirectorySettingsDto>>
{
    public async ValueTask<DirectorySettingsDto> Handle(GetDirectory request, CancellationToken ct) =>
        Describe(await db.Directories.AsNoTracking().FirstOrDefaultAsync(d => d.TeamId == request.TeamId, ct));

    public async ValueTask<Outcome<DirectorySettingsDto>> Handle(SaveDirectory request, CancellationToken ct)
    {
        var s = request.Settings;
        var row = await db.Directories.FirstOrDefaultAsync(d => d.TeamId == request.TeamId, ct);
        if (string.IsNullOrWhiteSpace(s.Url))
        {
            if (row is not null) db.Directories.Remove(row);
            await db.SaveChangesAsync(ct);
            return Outcome<DirectorySettingsDto>.Success(Describe(null));
        }
        if (row is null)
            db.Directories.Add(row = new TeamDirectory
            {
                TeamId = request.TeamId, Url = "", BaseDn = "", UserFilter = "", GroupFilter = "", EmailAttribute = "", NameAttribute = "", MemberAttribute = "",
            });
        row.Url = s.Url.Trim().TrimEnd('/');
        row.BaseDn = s.BaseDn!.Trim();
        row.BindDn = string.IsNullOrWhiteSpace(s.BindDn) ? null : s.BindDn.Trim();
        if (row.BindDn is null) row.ProtectedBindPassword = null;
        else if (!string.IsNullOrEmpty(s.BindPassword)) row.ProtectedBindPassword = StoredSecrets.Protect(protection, StoredSecrets.BindPassword, s.BindPassword);
        row.UserFilter = OrDefault(s.UserFilter, DirectoryDefaults.UserFilter);
        row.GroupFilter = OrDefault(s.GroupFilter, DirectoryDefaults.GroupFilter);
        row.EmailAttribute = OrDefault(s.EmailAttribute, DirectoryDefaults.EmailAttribute);
        row.NameAttribute = OrDefault(s.NameAttribute, DirectoryDefaults.NameAttribute);
        row.MemberAttribute = OrDefault(s.MemberAttribute, DirectoryDefaults.MemberAttribute);
        await db.SaveChangesAsync(ct);
        return Outcome<DirectorySettingsDto>.Success(Describe(row));
    }

    private static string OrDefault(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();

    private static DirectorySettingsDto Describe(TeamDirectory? d) => new(d?.Url, d?.BindDn, d?.ProtectedBindPassword is not null, d?.BaseDn,
        d?.UserFilter ?? DirectoryDefaults.UserFilter, d?.GroupFilter ?? DirectoryDefaults.GroupFilter, d?.EmailAttribute ?? DirectoryDefaults.EmailAttribute,
        d?.NameAttribute ?? DirectoryDefaults.NameAttribute, d?.MemberAttribute ?? DirectoryDefaults.MemberAttribute, d?.LastSyncAt, d?.LastSyncResult);
}
