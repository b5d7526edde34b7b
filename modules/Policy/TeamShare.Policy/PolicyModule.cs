using TeamShare.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Policy.Activity;
using TeamShare.Policy.Approved;
using TeamShare.Policy.Data;
using TeamShare.Policy.Decisions;
using TeamShare.Policy.Settings;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy;

/// <summary>Admin policy: the team's sharing settings, the decisions every share obeys, and the sharing activity.</summary>
public sealed class PolicyModule : ITeamShareModule
{
    public string Name => PolicyDbContext.Module;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // A policy is checked whole against the team's current one, an approved domain against the list: in the handlers.
        services.AddBodiesWithoutShapeChecks(typeof(UpdatePolicyRequest), typeof(AddApprovedRequest));
        services.AddValidator<Activity.ListActivity, Activity.ListActivityValidator>();
        services.AddModuleDbContext<PolicyDbContext, PolicyPostgresDbContext>(configuration, PolicyDbContext.Module, watched: true);
        services.AddScoped<PolicyStore>();
        services.AddScoped<ActivityLog>();
        services.AddScoped<ActivityWords>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/channels", ChannelsEndpoint.Handle).WithTags("Admin policy")
            .WithSummary("Sharing channels offered to members, with whether policy allows each now.");
        var admin = endpoints.MapGroup("/api/admin").WithTags("Admin policy").RequireAuthorization(TeamShareClaims.AdminPolicy);
        admin.MapGet("/policy", PolicyEndpoints.Get).WithSummary("The team's sharing settings and channels.");
        admin.MapPut("/policy", PolicyEndpoints.Put).WithSummary("Change the sharing settings ({settings}) and channel switches ({channels}).");
        admin.MapGet("/policy/approved", ApprovedEndpoints.List).WithSummary("The approved addresses and domains.");
        admin.MapPost("/policy/approved", ApprovedEndpoints.Add).WithSummary("Approve an address or a domain ({value}).");
        admin.MapDelete("/policy/approved/{id:guid}", ApprovedEndpoints.Remove).WithSummary("Remove an approved entry.");
        admin.MapGet("/activity", ActivityEndpoints.List).WithSummary("Sharing activity, newest first (?from=&to=&actor=&kind=&before=).");
        admin.MapGet("/activity.csv", ActivityEndpoints.Csv).WithSummary("Sharing activity as CSV (RFC 4180, formula-safe).");
        admin.MapGet("/activity/domains", ActivityEndpoints.Domains).WithSummary("External e-mail domains shared with most.");
    }
}
