using TeamShare.Identity;
using TeamShare.Invitations;
using TeamShare.Links;
using TeamShare.Policy;
using TeamShare.SharedKernel.Modules;
using TeamShare.Spaces;
using TeamShare.Webhooks;

namespace TeamShare.Host.Startup;

/// <summary>The composition root's list of modules: the only place that names them all.</summary>
internal static class Modules
{
    public static readonly ITeamShareModule[] All =
        [new IdentityModule(), new SpacesModule(), new LinksModule(), new InvitationsModule(), new PolicyModule(),
         new WebhooksModule()];
}
