using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Registers what notices and delivers notifications, once a notifier is added.</summary>
internal static class NotificationServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton<NotificationWatcher>();
        services.TryAddSingleton<NotificationDelivery>();
        services.TryAddSingleton<NotificationWorker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NotificationWorker>(sp => sp.GetRequiredService<NotificationWorker>()));
    }
}
