using Microsoft.Extensions.DependencyInjection;

namespace Integration;

/// <summary>Makes a host one that only operates, beside executing hosts on the same store, and sets how run requests travel.</summary>
public static class OperateOnlyExecutionsBuilderExtensions
{
    /// <summary>
    /// Makes this host one that only operates (an admin or console host beside worker hosts, sharing their store): it runs
    /// no scheduler and no execution; run now and re-run are stored as run requests that an executing node registering the
    /// interface claims within one poll interval and starts, exactly once. Everything else (query, logs, diagnosis,
    /// exports, pause, resume, cancel) works as on any node. Sets <see cref="ExecutionsOptions.OperateOnly"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder OperateOnly(this IExecutionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<ExecutionsOptions>(o => o.OperateOnly = true);
        return builder;
    }

    /// <summary>Sets how run requests are claimed and watched (validated when the host starts).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder ConfigureRunRequests(this IExecutionsBuilder builder, Action<RunRequestOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
