using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Registers heartbeats, the sweeper (with the retention it runs) and their validated options.</summary>
internal static class LeaseServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<LeaseOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LeaseOptions>, LeaseOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LeaseOptions>, LeaseTimeoutValidator>());
        RetentionServices.Add(services);
        services.TryAddSingleton<ExecutionLeases>();
        services.TryAddSingleton<ExecutionSweeper>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExecutionSweeper>(sp => sp.GetRequiredService<ExecutionSweeper>()));
    }
}
