using Hangfire.Dashboard;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Host.Jobs;

/// <summary>The job dashboard is for team owners and admins only (AD-13); the endpoint's policy checks it too.</summary>
internal sealed class AdminDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && user.IsTeamAdmin();
}
