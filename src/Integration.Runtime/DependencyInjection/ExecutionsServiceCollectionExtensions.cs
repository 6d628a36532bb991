using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Registers the execution runtime.</summary>
public static class ExecutionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the execution runtime: the interfaces registered in <paramref name="configure"/>, the runner with its
    /// duration guard, the error classifier chain, the operations service and telemetry. Safe to call more than
    /// once: later calls add to the same registrations.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Registers interfaces, classifiers and the store.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentException">A registration is invalid (the message names the interface and the problem).</exception>
    public static IServiceCollection AddExecutions(this IServiceCollection services, Action<IExecutionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        InterfaceCatalog.GetOrAdd(services);
        AddCoreServices(services);
        configure(new ExecutionsBuilder(services));
        return services;
    }

    private static void AddCoreServices(IServiceCollection services)
    {
        services.AddLogging();
        services.AddMetrics();
        services.AddOptions<ExecutionsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExecutionsOptions>, ExecutionsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddExchangeCapture();
        services.TryAddSingleton<IExecutionStore>(_ => throw new InvalidOperationException(
            "No execution store is registered. In AddExecutions, call UseInMemoryStore() (or the Use…Store method of another store package)."));
        services.TryAddSingleton<IntegrationTelemetry>();
        ClassificationServices.Add(services);
        services.TryAddSingleton<RunningExecutions>();
        services.TryAddSingleton<IExecutionContextAccessor, ExecutionContextAccessor>();
        services.TryAddSingleton<ExecutionLifecycle>();
        services.TryAddSingleton<ExecutionRunner>();
        services.TryAddSingleton<IExecutionOperations, ExecutionOperations>();
        services.TryAddSingleton<ExecutionAudit>();
        services.TryAddSingleton<NotificationPublisher>();
        services.TryAddSingleton<ExternalFailureRetries>();
        services.TryAddSingleton<DailyExecutions>();
        services.TryAddSingleton<IDailyExecutions>(sp => sp.GetRequiredService<DailyExecutions>());
        services.TryAddSingleton<IRealTimeCalls, RealTimeCalls>();
        services.TryAddSingleton<SchedulerBackoff>();
        services.TryAddSingleton<OccurrenceRuns>();
        services.TryAddSingleton<Scheduler>();
        SupportServices.Add(services);

        // Hosted services stop in reverse order: the scheduler stops firing before running executions are ended, and
        // the open days are settled last.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DailyExecutionsHostedService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExecutionsHostedService>());
        LeaseServices.Add(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Scheduler>(sp => sp.GetRequiredService<Scheduler>()));
        RunRequestServices.Add(services);
    }
}
