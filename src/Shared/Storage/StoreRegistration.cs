using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Integration.Storage;

/// <summary>Registers a SQL store: the store, as the <see cref="IExecutionStore"/>, and its initializer. Compiled into each SQL store package.</summary>
internal static class StoreRegistration
{
    /// <summary>
    /// Checks the connection string now (at registration, so a bad one names itself before the host starts), then
    /// replaces any store registered before; safe to call twice.
    /// </summary>
    public static IExecutionsBuilder UseStore<TStore, TInitializer>(IExecutionsBuilder builder, string connectionString, Func<string, object> parse, Func<string, TimeProvider, TStore> create)
        where TStore : class, IExecutionStore
        where TInitializer : StoreInitializer
    {
        ArgumentNullException.ThrowIfNull(builder);
        _ = parse(connectionString);
        builder.Services.RemoveAll<TStore>();
        builder.Services.AddSingleton(sp => create(connectionString, sp.GetRequiredService<TimeProvider>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<IExecutionStore>(sp => sp.GetRequiredService<TStore>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TInitializer>());
        return builder;
    }
}
