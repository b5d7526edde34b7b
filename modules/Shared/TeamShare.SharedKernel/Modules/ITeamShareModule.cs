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

    /// <summary>
    /// What is wrong with this module's settings, one sentence each starting with the key (issue 23): the host refuses to
    /// start on any of them, before it touches a database or a directory.
    /// </summary>
    IEnumerable<string> CheckSettings(IConfiguration configuration) => [];
}
