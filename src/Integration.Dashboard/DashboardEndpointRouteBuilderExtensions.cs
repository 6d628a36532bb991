using System.Diagnostics.CodeAnalysis;
using Integration.Dashboard.Internal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Maps the support console.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the support console under a prefix: the Interfaces page at <c>{prefix}/</c>, the executions, each execution
    /// with its diagnosis and log, and the actions. Every page is authorized inside the library (loopback only until
    /// <see cref="DashboardOptions.ViewerPolicy"/> is named), every POST validates its antiforgery token, every response
    /// carries a strict Content-Security-Policy; links are relative, so a path base or a reverse proxy needs nothing more.
    /// </summary>
    /// <param name="endpoints">The host's endpoints (the <c>WebApplication</c>).</param>
    /// <param name="prefix">The console's path, e.g. <c>/integrations</c>.</param>
    /// <returns>The console's route group, to add conventions (rate limiting, CORS, more authorization…).</returns>
    /// <exception cref="InvalidOperationException"><c>AddDashboard()</c> was not called, or a named policy is not registered.</exception>
    /// <exception cref="OptionsValidationException">The dashboard's options are invalid.</exception>
    public static RouteGroupBuilder MapIntegrationDashboard(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/integrations")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var services = endpoints.ServiceProvider;
        if (services.GetService<DashboardMarker>() is null)
        {
            throw new InvalidOperationException("MapIntegrationDashboard needs the console's services: call AddExecutions(x => x.AddDashboard(…)) first.");
        }

        var options = services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (services.GetService<IAuthorizationPolicyProvider>() is DefaultAuthorizationPolicyProvider)
        {
            var authorization = services.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
            foreach (var (name, policy) in new[] { ("ViewerPolicy", options.ViewerPolicy), ("OperatorPolicy", options.OperatorPolicy) })
            {
                if (policy is not null && authorization.GetPolicy(policy) is null)
                {
                    throw new InvalidOperationException($"DashboardOptions.{name} names the policy '{policy}', which is not registered: add it with AddAuthorization(o => o.AddPolicy(\"{policy}\", …)).");
                }
            }
        }

        var group = endpoints.MapGroup(prefix.TrimEnd('/'));
        DashboardEndpoints.Map(group);
        return group;
    }
}
