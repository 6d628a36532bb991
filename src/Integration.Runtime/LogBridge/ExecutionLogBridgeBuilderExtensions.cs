using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>Adds the bridge that records what code running in an execution writes through <see cref="ILogger"/>.</summary>
public static class ExecutionLogBridgeBuilderExtensions
{
    /// <summary>
    /// Inside an execution, copies what the connector's code and its libraries write through <see cref="ILogger{T}"/>
    /// into the execution's log, in order with its own lines: "Category: message", at the matching level (an error
    /// with an exception is classified like any other). Outside any execution nothing is copied. The runtime's own
    /// categories are never copied. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="minLevel">The lowest level copied; defaults to <see cref="LogLevel.Information"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder AddExecutionLogBridge(this IExecutionsBuilder builder, LogLevel minLevel = LogLevel.Information)
        => builder.AddExecutionLogBridge(o => o.MinLevel = minLevel);

    /// <summary>Copies <see cref="ILogger"/> lines written inside an execution into it, with the given settings.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the settings: minimum level, excluded categories.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder AddExecutionLogBridge(this IExecutionsBuilder builder, Action<ExecutionLogBridgeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, ExecutionLogBridgeProvider>());
        return builder;
    }
}
