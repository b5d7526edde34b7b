using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Host.Jobs;

/// <summary>
/// The job dashboard acts on every team's jobs, so it belongs to the server's operators only (TeamShare:Operators), never to
/// a team's owner or admin; the endpoint's policy checks the same. A browser session only: never a token (issue 29).
/// </summary>
internal sealed class OperatorDashboardFilter(IOptions<TeamShareOptions> options) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User is var user
        && user.Identity?.AuthenticationType == TeamShareClaims.CookieScheme && user.IsOperator(options.Value.Operators);
}
