using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Mediator;
using System.Security.Claims;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamShare.Identity.Admin;
using TeamShare.Identity.Auth;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Data;
using TeamShare.Identity.Directory;
using TeamShare.Identity.Data;
using TeamShare.Identity.Me;
using TeamShare.Identity.Join;
using TeamShare.Identity.Recovery;
using TeamShare.Identity.Seeding;
using TeamShare.Identity.AccessTokens;
using TeamShare.Identity.TwoFactor;
using TeamShare.Identity.Passkeys;
using TeamShare.Identity.SingleSignOn;
using TeamShare.Identity.DirectorySync;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Caching;
using TeamShare.Identity.Contracts;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Identity;

/// <summary>Identity and teams: users, roles, departments, sign-in and personal access tokens.</summary>
public sealed class IdentityModule : ITeamShareModule
{
    public string Name => IdentityDbContext.Module;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // Credentials are judged together and slowly (a missing field must not answer faster than a wrong one), invitations
        // and reset links against their stored tokens, members and departments against the team: all in the handlers.
        services.AddNotificationRelay<IdentityDbContext>(IdentityDbContext.Module, typeof(TeamShare.Policy.Contracts.SharingActivityOccurred));
        services.AddValidator<CreateTokenRequest, CreateTokenRequestValidator>();
        services.AddValidator<FinishPasskeyEnrolment, FinishPasskeyEnrolmentValidator>();
        services.AddSingleton<RelyingParty>();
        services.AddValidator<RequestPasswordReset, RequestPasswordResetValidator>();
        services.AddValidator<SetDisplayName, SetDisplayNameValidator>();
        services.AddValidator<SetTimeZone, SetTimeZoneValidator>();
        services.AddValidator<AppPasswordRequest, AppPasswordRequestValidator>();
        services.AddValidator<ConfirmTotp, ConfirmTotpValidator>();
        services.AddScoped<SecondFactor>();
        services.AddValidator<SaveSingleSignOn, SaveSingleSignOnValidator>();
        services.AddValidator<SaveDirectory, SaveDirectoryValidator>();
        services.AddSingleton<LdapReader>();
        services.AddRecurringJob<DirectorySyncJob>("identity-directory-sync", "23 * * * *");
        services.AddSingleton<SingleSignOnSettingsCache>();
        // A member's standing as SP-8 asks it on every request (team, active, departments), until their team changes
        // (a department joined or left, a suspension; a membership row, which names no team, drops every entry). ADR 0031.
        services.AddSingleton(sp => new ChangeFeedCache<Guid, PrincipalGroups>(sp.GetRequiredService<ChangeFeed>(), g => g.TeamId));
        services.AddSingleton<SingleSignOnHandlers>();
        services.TryAddSingleton<DomainVerifier>();
        services.TryAddSingleton<OutboundGuard>();
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, SingleSignOnOptionsSetup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddBodiesWithoutShapeChecks(typeof(ProfileRequest), typeof(PasswordResetRequest), typeof(CompletePasswordResetRequest),
            typeof(JoinRequest), typeof(ChangePasswordRequest), typeof(AddMemberRequest), typeof(UpdateMemberRequest), typeof(CreateDepartmentRequest),
            // A language is one of a short list the handlers check.
            typeof(LanguageRequest), typeof(TimeZoneDto), typeof(CodeRequest), typeof(TwoFactorPolicyDto),
            // A passkey's answer is checked whole by the WebAuthn library; an unusable one is refused naming the credential.
            typeof(PasskeyBody), typeof(PasskeySignInBody),
            // Checked by SaveSingleSignOnValidator and SaveDirectoryValidator, which name the field.
            typeof(SingleSignOnRequest), typeof(DirectoryRequest));
        services.AddModuleDbContext<IdentityDbContext, IdentityPostgresDbContext>(configuration, IdentityDbContext.Module, watched: true);
        services.TryAddSingleton<PasswordHashing>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<IDemoSeeder, IdentityDemoSeeder>();
        services.AddTeamShareAuthentication();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Identity");
        api.MapPost("/auth/tokens", CreateTokenEndpoint.Handle).AllowAnonymous()
            .WithSummary("Trade e-mail and password for a personal access token (shown once); \"scopes\": [\"read\", \"write\", \"admin\"] limits it.");
        api.MapPost("/auth/password-reset", PasswordResetEndpoints.Request).AllowAnonymous()
            .WithSummary("Forgot your password: mail a reset link to {email} if it has an account (202 either way).");
        api.MapPost("/auth/password-reset/complete", PasswordResetEndpoints.Complete).AllowAnonymous()
            .WithSummary("Set a new password with the mailed link's token ({token, newPassword}); every session ends.");
        api.MapPost("/auth/join", JoinEndpoint.Handle).AllowAnonymous()
            .WithSummary("Accept an invitation to a team with the mailed link's token and a password of your choice ({token, password}).");
        api.MapGet("/me", GetMeEndpoint.Handle).WithSummary("The signed-in user and their team role.");
        api.MapPut("/me/language", async (LanguageRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SetLanguage(user.GetUserId(), body.Locale), ct)).ToHttp(locale => TypedResults.Ok(new LanguageDto(locale))))
            .WithSummary("Your own language ({locale}: en or pl) for pages, answers and mails, in every browser.");
        api.MapPut("/me/profile", async (ProfileRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SetDisplayName(user.GetUserId(), body.DisplayName), ct)).ToHttp(p => TypedResults.Ok(p)))
            .WithSummary("Your own name as others see it ({displayName}: 1 to 200 characters).");
        api.MapPut("/me/time-zone", async (TimeZoneDto body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SetTimeZone(user.GetUserId(), body.TimeZone), ct)).ToHttp(z => TypedResults.Ok(z)))
            .WithSummary("The zone your mails write times in ({timeZone}: an IANA name such as Europe/Warsaw, or UTC).");
        api.MapPost("/me/password", ChangePasswordEndpoint.Handle).WithSummary("Change your own password ({currentPassword, newPassword}); other browser sessions end.");
        api.MapGet("/auth/tokens", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListTokens(user.GetUserId()), ct))).WithSummary("The caller's personal access tokens and app passwords, with their kind and scopes.");
        api.MapDelete("/auth/tokens/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new RevokeToken(user.GetUserId(), id), ct) ? TypedResults.NoContent() : (Results<NoContent, ProblemHttpResult>)Problems.NotFound()).WithSummary("Revoke one of the caller's tokens.");
        api.MapGet("/me/totp", TwoFactorEndpoints.Status).WithSummary("Whether your sign-in needs a code from an authenticator app, and how many recovery codes are left.");
        api.MapPost("/me/totp", TwoFactorEndpoints.Start).WithSummary("Set up an authenticator app: {secret, otpauthUri}; in force once confirmed.");
        api.MapPost("/me/totp/confirm", TwoFactorEndpoints.Confirm).WithSummary("Confirm with a code from the app ({code}): two-factor sign-in is on; answers ten recovery codes, shown once.");
        api.MapDelete("/me/totp", TwoFactorEndpoints.Remove).WithSummary("Turn two-factor sign-in off, confirmed with your password ({password}); the recovery codes end with it.");
        api.MapGet("/me/passkeys", PasskeyEndpoints.List).WithSummary("Your passkeys: each signs you in without a password.");
        api.MapPost("/me/passkeys/options", PasskeyEndpoints.EnrolmentOptions)
            .WithSummary("Options for the browser to make a passkey with (WebAuthn creation options, JSON); its answer goes to POST /api/me/passkeys.");
        api.MapPost("/me/passkeys", PasskeyEndpoints.Enrol).WithSummary("Keep the passkey the browser made ({name, password, credential}: your password to confirm, the credential's toJSON()).");
        api.MapDelete("/me/passkeys/{id:guid}", PasskeyEndpoints.Remove).WithSummary("Remove a passkey, confirmed with your password ({password}): it signs in no more.");
        api.MapPost("/auth/passkey/options", PasskeyEndpoints.SignInOptions).AllowAnonymous()
            .WithSummary("Options for a browser sign-in with a passkey (WebAuthn request options, JSON); its answer goes to POST /api/auth/passkey.");
        api.MapPost("/auth/passkey", PasskeyEndpoints.CompleteSignIn).AllowAnonymous()
            .WithSummary("Sign the browser in with its passkey's answer ({credential, timeZone, returnUrl}): the session cookie and where to go.");
        api.MapGet("/me/app-passwords", AppPasswordEndpoints.List).WithSummary("Your app passwords: each opens your drive (/dav/) and nothing else.");
        api.MapPost("/me/app-passwords", AppPasswordEndpoints.Create).WithSummary("A new app password for a device ({name}), shown once.");
        api.MapDelete("/me/app-passwords/{id:guid}", AppPasswordEndpoints.Revoke).WithSummary("Revoke an app password: the device is refused at once.");
        api.MapGet("/auth/sso", SingleSignOnEndpoints.Find).AllowAnonymous()
            .WithSummary("The single sign-on of the team whose proven e-mail domain {email} has: {teamId, url, provider} (404: none; sign in with a password).");
        endpoints.MapGet("/signin/sso/{teamId:guid}", SingleSignOnEndpoints.Start).AllowAnonymous()
            .WithSummary("Sign in with the team's own identity provider (?email= fills in the provider's form, ?returnUrl= where to land).");
        endpoints.MapGet("/signin/sso/{teamId:guid}/callback", SingleSignOnEndpoints.Callback).AllowAnonymous()
            .WithSummary("Where the provider sends the browser back: the redirect URI an owner registers.");
        api.MapGet("/directory/search", SearchDirectoryEndpoint.Handle).WithSummary("Recipients for the share dialog (ID-6).");

        var admin = endpoints.MapGroup("/api/admin").WithTags("Admin: members and departments")
            .RequireAuthorization(TeamShareClaims.AdminPolicy);
        admin.MapGet("/members", AdminEndpoints.ListMembers).WithSummary("The team's members.");
        admin.MapDelete("/members/{id:guid}/two-factor", TwoFactorEndpoints.Reset)
            .WithSummary("Clear a member's second factor (a lost phone and lost recovery codes); they sign in with their password again.");
        admin.MapPost("/members", AdminEndpoints.AddMember).WithSummary("Invite a member by mail ({email, displayName, role}: 202); operators may instead set a password (201).");
        admin.MapPost("/members/{id:guid}/password-reset", AdminEndpoints.SendPasswordReset).WithSummary("Mail a member a link to choose a new password.");
        admin.MapGet("/members/invitations", AdminEndpoints.ListInvitations).WithSummary("Invitations waiting to be accepted.");
        admin.MapDelete("/members/invitations/{id:guid}", AdminEndpoints.CancelInvitation).WithSummary("Cancel an invitation; its link stops working.");
        admin.MapPatch("/members/{id:guid}", AdminEndpoints.UpdateMember).WithSummary("Change a member's role or suspend them.");
        admin.MapDelete("/members/{id:guid}", AdminEndpoints.RemoveMember).WithSummary("Remove a member, giving their items to ?transferTo=.");
        admin.MapGet("/team/language", TeamLanguageEndpoints.Get).WithSummary("The team's default language (null: English).");
        admin.MapGet("/team/two-factor", TwoFactorPolicyEndpoints.Get).WithSummary("Who must sign in with a second factor: {require}: off, admins or everyone.");
        admin.MapPut("/team/two-factor", TwoFactorPolicyEndpoints.Put)
            .WithSummary("Require two-factor sign-in ({require}: off, admins or everyone); those without one can only set it up until they do.");
        admin.MapPut("/team/language", TeamLanguageEndpoints.Put).WithSummary("Set the team's default language ({locale}: en, pl or null) for members who chose none.");
        var owner = endpoints.MapGroup("/api/admin").WithTags("Admin: single sign-on").RequireAuthorization(TeamShareClaims.OwnerPolicy);
        owner.MapGet("/sso", SingleSignOnEndpoints.Get).WithSummary("The team's OpenID provider (the secret is never shown), its redirect URI and e-mail domains.");
        owner.MapPut("/sso", SingleSignOnEndpoints.Put)
            .WithSummary("Sign in with the team's own OpenID provider ({issuer, clientId, clientSecret, groupsClaim, createAccounts, required, domains}); an empty issuer turns it off.");
        owner.MapPost("/sso/domains/verify", SingleSignOnEndpoints.VerifyDomains)
            .WithSummary("Look for each unproven e-mail domain's DNS TXT record (_teamshare.<domain> = teamshare-verification=<token>).");
        owner.MapGet("/directory", DirectoryEndpoints.Get).WithSummary("The team's LDAP directory (the bind password is never shown) and its last sync.");
        owner.MapPut("/directory", DirectoryEndpoints.Put)
            .WithSummary("Follow an LDAP directory ({url, bindDn, bindPassword, baseDn, userFilter, groupFilter, emailAttribute, nameAttribute, memberAttribute}); an empty url disconnects it.");
        owner.MapPost("/directory/preview", DirectoryEndpoints.Preview)
            .WithSummary("What a sync would do now (people to add, match, suspend, bring back; departments and their members), changing nothing.");
        owner.MapPost("/directory/sync", DirectoryEndpoints.Sync).WithSummary("Sync now (it also runs every hour); answers what it did.");
        admin.MapGet("/departments", AdminEndpoints.ListDepartments).WithSummary("Departments with their members.");
        admin.MapPost("/departments", AdminEndpoints.CreateDepartment).WithSummary("Create a department.");
        admin.MapDelete("/departments/{id:guid}", AdminEndpoints.DeleteDepartment).WithSummary("Delete a department.");
        admin.MapPut("/departments/{id:guid}/members/{userId:guid}", AdminEndpoints.AddDepartmentMember).WithSummary("Add a member to a department.");
        admin.MapDelete("/departments/{id:guid}/members/{userId:guid}", AdminEndpoints.RemoveDepartmentMember).WithSummary("Remove a member from a department.");
    }
}
