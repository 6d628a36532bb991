using Integration.Dashboard.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Adds the support console's services to the execution runtime.</summary>
public static class DashboardExecutionsBuilderExtensions
{
    /// <summary>
    /// Adds the services of the support console (server-side rendering, antiforgery, authorization evaluation) and its
    /// options, validated when the host starts. Map it with
    /// <see cref="DashboardEndpointRouteBuilderExtensions.MapIntegrationDashboard"/>. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Names the policies and sets the page sizes; null keeps the defaults (loopback only).</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder AddDashboard(this IExecutionsBuilder builder, Action<DashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<DashboardOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        services.AddRazorComponents();
        services.AddAntiforgery();
        services.AddAuthorization();
        services.TryAddSingleton<DashboardMarker>();
        services.TryAddSingleton<DashboardGate>();
        services.TryAddScoped<DashboardData>();
        services.TryAddScoped<PageState>();
        return builder;
    }
}
