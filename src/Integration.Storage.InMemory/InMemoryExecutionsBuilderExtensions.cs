using Integration.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integration;

/// <summary>Registers the in-memory execution store.</summary>
public static class InMemoryExecutionsBuilderExtensions
{
    /// <summary>
    /// Keeps executions and their logs in memory, in this process only: for tests, demos and hosts that need
    /// no history across restarts. Replaces any store registered before.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder UseInMemoryStore(this IExecutionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IExecutionStore, InMemoryExecutionStore>());
        return builder;
    }
}
