using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Http;
using Mediator;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Invitations.Access;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.Invitations.External;
using TeamShare.Invitations.Invite;
using TeamShare.Invitations.Mail;
using TeamShare.SharedKernel.Channels;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Invitations;

/// <summary>E-mail invitations and the share dialog (SH-1..SH-11), and the mail pipeline every module uses.</summary>
public sealed class InvitationsModule : ITeamShareModule
{
    public string Name => InvitationsDbContext.Module;

    public IEnumerable<string> CheckSettings(IConfiguration configuration)
    {
        List<string> problems = [];
        if (Settings.Bind<MailOptions>(configuration, MailOptions.Section, problems) is not { } smtp) return problems;
        // A sender without an address failed every mail for good, and the recipients were blamed (issue 23).
        if (!MimeKit.MailboxAddress.TryParse(smtp.From, out var from) || !from.Address.Contains('@'))
            problems.Add($"{MailOptions.Section}:From is \"{smtp.From}\"; it must be an address, e.g. \"TeamShare <teamshare@example.org>\".");
        if (smtp.Port is < 1 or > 65535) problems.Add($"{MailOptions.Section}:Port is {smtp.Port}; it must be between 1 and 65535.");
        return problems;
    }

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidator<Invite.InviteRequest, Invite.InviteBodyValidator>();
        services.AddValidator<Access.ChangeRoleRequest, Access.ChangeRoleValidator>();
        services.AddValidator<Access.TransferRequest, Access.TransferValidator>();
        services.AddValidator<Mail.TeamMailQueue, Mail.TeamMailQueueValidator>();
        services.AddValidator<Contracts.ListPeopleShares, Access.ListPeopleSharesValidator>();
        services.AddModuleDbContext<InvitationsDbContext, InvitationsPostgresDbContext>(configuration, InvitationsDbContext.Module);
        services.AddSingleton<TeamShare.SharedKernel.Observability.IGaugeSource, MailGauges>();
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<MailTemplates>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<ExternalLinks>();
        services.AddScoped<InvitationApplier>();
        services.AddScoped<ExternalAccess>();
        services.AddScoped<RecipientCodes>();
        services.AddValidator<RecipientCodeBody, RecipientCodeBodyValidator>();
        services.AddRecurringJob<MailDispatchJob>(MailDispatchJob.Id, "* * * * *");
        services.AddRecurringJob<ExpiryReminderJob>("invitations-expiry-reminders", "0 * * * *");
        services.AddNotificationRelay<InvitationsDbContext>(InvitationsDbContext.Module, typeof(SharingActivityOccurred),
            typeof(SharingActivitiesOccurred));
        services.AddSharingChannel(new SharingChannel(InvitationsChannel.Name, "E-mail invitations", "AD-2 sharing by e-mail",
            ShareableKinds.FilesAndFolders, IsActive: true));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/items/{id:guid}").WithTags("Direct sharing and invitations");
        api.MapPost("/invitations", async (Guid id, InviteRequest body, ClaimsPrincipal user, HttpRequest request, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new InviteRecipients(user.GetUserId(), user.GetTeamId(), user.Identity?.Name ?? "", id, body,
                PublicAddress.ForMessages(request.HttpContext)), ct)).ToHttp(r => TypedResults.Created($"/api/items/{id}/access", r))).WithSummary("Invite people, departments, the organisation or outside addresses.");
        api.MapGet("/access", AccessEndpoints.List).WithSummary("People with access.");
        api.MapPatch("/access/{grantId:guid}", AccessEndpoints.ChangeRole).WithSummary("Change a role (viewer or editor).");
        api.MapDelete("/access/{grantId:guid}", AccessEndpoints.Revoke).WithSummary("Revoke access now.");
        api.MapPost("/transfer", AccessEndpoints.Transfer).WithSummary("Hand the item to another member; the former owner keeps Editor.");
        api.MapGet("/mail", AccessEndpoints.Mail).WithSummary("The caller's invitation mails for this item and whether they went out.");

        endpoints.MapGet("/api/admin/mail", TeamMailQueue.Endpoint).WithTags("Admin: mail delivery")
            .RequireAuthorization(TeamShare.SharedKernel.Security.TeamShareClaims.AdminPolicy)
            .WithSummary("The team's mail (?status=pending|delayed|failed|sent), counts by status and when the sweeps ran.");
        endpoints.MapPost("/api/admin/mail/resend", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new ResentMail(await mediator.Send(new ResendFailedMail(user.GetTeamId()), ct))))
            .WithTags("Admin: mail delivery").RequireAuthorization(TeamShare.SharedKernel.Security.TeamShareClaims.AdminPolicy)
            .WithSummary("Queue the team's undeliverable mail again (after the mail settings were fixed); answers {queued}.");

        var external = endpoints.MapGroup("/x/{token}").WithTags("External recipient").AllowAnonymous();
        external.MapGet("/items/{itemId:guid}/download", ExternalEndpoints.Download).WithSummary("Download through an external link.");
        external.MapGet("/items/{itemId:guid}/preview", ExternalEndpoints.Preview).WithSummary("Preview through an external link.");
        external.MapGet("/items/{itemId:guid}/pages", ExternalEndpoints.Pages).WithSummary("A file's pages: {status, pages} (issue 25).");
        external.MapGet("/items/{itemId:guid}/pages/{page:int}", ExternalEndpoints.Page).WithSummary("Page n as a PNG, marked with the invited address when the team's policy says so.");
        external.MapGet("/items/{itemId:guid}/thumbnail", ExternalEndpoints.Thumbnail).WithSummary("A small image of the file.");
        external.MapPost("/code", ExternalEndpoints.SendCode).WithSummary("Mail a 6-digit code to the invited address (issue 11).");
        external.MapPost("/verify", ExternalEndpoints.Verify).WithSummary("Check the code ({code}); a right one lets this browser open the link.");
    }
}
