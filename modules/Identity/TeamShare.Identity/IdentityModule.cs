using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;
using TeamShare.Identity.Me;
using TeamShare.Identity.Seeding;
using TeamShare.Identity.AccessTokens;
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
        services.AddModuleDbContext<IdentityDbContext>(IdentityDbContext.Module);
        services.AddSingleton<PasswordHashing>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<IDemoSeeder, IdentityDemoSeeder>();
        services.AddTeamShareAuthentication();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Identity");
        api.MapPost("/auth/tokens", CreateTokenEndpoint.Handle).AllowAnonymous()
            .WithSummary("Trade e-mail and password for a personal access token (shown once).");
        api.MapGet("/me", GetMeEndpoint.Handle).WithSummary("The signed-in user and their team role.");
    }
}
