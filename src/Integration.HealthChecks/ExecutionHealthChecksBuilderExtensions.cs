using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Adds the execution health checks to <see cref="IHealthChecksBuilder"/>.</summary>
public static class ExecutionHealthChecksBuilderExtensions
{
    /// <summary>The tag every execution health check carries.</summary>
    public const string Tag = "integration";

    /// <summary>The tag of the store check.</summary>
    public const string StoreTag = "integration:store";

    /// <summary>The name of the store check.</summary>
    public const string StoreCheckName = "integration-store";

    /// <summary>Gets the name of an interface's check: <c>integration:&lt;id&gt;</c>.</summary>
    /// <param name="interfaceId">The interface's id.</param>
    /// <returns>The check's name.</returns>
    /// <exception cref="ArgumentException"><paramref name="interfaceId"/> is null, empty or white space.</exception>
    public static string InterfaceCheckName(string interfaceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(interfaceId);
        return $"integration:{interfaceId}";
    }

    /// <summary>Gets the tag of an interface's check: <c>interface:&lt;id&gt;</c>.</summary>
    /// <param name="interfaceId">The interface's id.</param>
    /// <returns>The tag.</returns>
    /// <exception cref="ArgumentException"><paramref name="interfaceId"/> is null, empty or white space.</exception>
    public static string InterfaceTag(string interfaceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(interfaceId);
        return $"interface:{interfaceId}";
    }

    /// <summary>
    /// Adds the execution store's reachability check (<see cref="StoreCheckName"/>: one small read per probe, with its
    /// latency, unhealthy past <see cref="ExecutionHealthOptions.StoreTimeout"/>) and one check per registered interface
    /// (<see cref="InterfaceCheckName"/>, tagged <see cref="Tag"/> and <see cref="InterfaceTag"/>) reporting its last
    /// status, last KO with its category and consecutive KO count, overdue, stale daily execution, execution running past
    /// its maximum duration, and pause. Interface checks read a snapshot refreshed in the background every
    /// <see cref="ExecutionHealthOptions.RefreshInterval"/>, never the store. Needs <c>AddExecutions</c>; safe to call
    /// twice. The options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Changes to the options, or null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddExecutionChecks(this IHealthChecksBuilder builder, Action<ExecutionHealthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ExecutionHealthOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExecutionHealthOptions>, ExecutionHealthOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<HealthSnapshots>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HealthSnapshotRefresher>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, ExecutionHealthRegistrations>());
        return builder;
    }
}
