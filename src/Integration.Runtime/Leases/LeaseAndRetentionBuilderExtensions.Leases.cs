using Microsoft.Extensions.DependencyInjection;

namespace Integration;

/// <summary>Sets how executions' leases are kept and how long ended executions are kept.</summary>
public static partial class LeaseAndRetentionBuilderExtensions
{
    /// <summary>Sets the heartbeat, lease timeout and sweep intervals (validated when the host starts).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder ConfigureLeases(this IExecutionsBuilder builder, Action<LeaseOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
