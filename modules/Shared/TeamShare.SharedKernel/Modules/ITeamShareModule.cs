using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.SharedKernel.Modules;

/// <summary>The one public entry of a module: the host registers its services and maps its endpoints.</summary>
public interface ITeamShareModule
{
    string Name { get; }
    void AddServices(IServiceCollection services, IConfiguration configuration);
    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
