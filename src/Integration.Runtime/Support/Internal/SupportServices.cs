using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Registers diagnosis and the built-in CSV and JSON exporters; called by AddExecutions.</summary>
internal static class SupportServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<SupportOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SupportOptions>, SupportOptionsValidator>());
        services.TryAddSingleton<ExecutionDiagnoser>();
        services.TryAddSingleton<IExecutionSupport, ExecutionSupport>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExecutionExporter, CsvExecutionExporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExecutionExporter, JsonExecutionExporter>());
    }
}
