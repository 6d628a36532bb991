using Microsoft.Extensions.DependencyInjection;

namespace Integration;

/// <content>The retention half: <see cref="ConfigureRetention"/> (the lease half is in Leases/).</content>
public static partial class LeaseAndRetentionBuilderExtensions
{
    /// <summary>Sets how long ended executions are kept and how they are purged (validated when the host starts).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder ConfigureRetention(this IExecutionsBuilder builder, Action<RetentionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
