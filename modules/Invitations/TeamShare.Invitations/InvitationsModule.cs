using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.SharedKernel.Channels;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Invitations;

/// <summary>E-mail invitations and the share dialog. Registered as a channel; it sends nothing until its issue lands (IsActive false).</summary>
public sealed class InvitationsModule : ITeamShareModule
{
    public string Name => InvitationsDbContext.Module;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<InvitationsDbContext>(InvitationsDbContext.Module);
        services.AddSharingChannel(new SharingChannel(InvitationsChannel.Name, "E-mail invitations", "AD-2 sharing by e-mail",
            ShareableKinds.FilesAndFolders, IsActive: false));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}
