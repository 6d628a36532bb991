using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Integration.Storage;

/// <summary>Registers a SQL store: the store, as the <see cref="IExecutionStore"/>, and its initializer. Compiled into each SQL store package.</summary>
internal static class StoreRegistration
{
    /// <summary>Replaces any store registered before; safe to call twice.</summary>
    public static IExecutionsBuilder UseStore<TStore, TInitializer>(IExecutionsBuilder builder, Func<TimeProvider, TStore> create)
        where TStore : class, IExecutionStore
        where TInitializer : StoreInitializer
    {
        builder.Services.RemoveAll<TStore>();
        builder.Services.AddSingleton(sp => create(sp.GetRequiredService<TimeProvider>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<IExecutionStore>(sp => sp.GetRequiredService<TStore>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TInitializer>());
        return builder;
    }
}
