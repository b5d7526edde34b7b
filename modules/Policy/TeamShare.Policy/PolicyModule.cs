using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Policy.Data;
using TeamShare.Policy.Settings;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy;

/// <summary>Admin policy: the team's sharing settings and the decisions every share obeys.</summary>
public sealed class PolicyModule : ITeamShareModule
{
    public string Name => PolicyDbContext.Module;

    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleDbContext<PolicyDbContext>(PolicyDbContext.Module);

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin").WithTags("Admin policy").RequireAuthorization(TeamShareClaims.AdminPolicy);
        admin.MapGet("/policy", GetPolicyEndpoint.Handle).WithSummary("The team's sharing settings and channels.");
    }
}
