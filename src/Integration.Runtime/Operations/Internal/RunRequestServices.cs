using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Registers where operators' runs start, the worker that claims run requests, and their validated options.</summary>
internal static class RunRequestServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<RunRequestOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunRequestOptions>, RunRequestOptionsValidator>());
        services.TryAddSingleton<ExecutionStarts>();
        services.TryAddSingleton<RunRequestWorker>();

        // Added after the scheduler: hosted services stop in reverse order, so no request starts once executions are ending.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RunRequestWorker>(sp => sp.GetRequiredService<RunRequestWorker>()));
    }
}
