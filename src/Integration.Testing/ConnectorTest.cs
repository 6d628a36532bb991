using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Testing;

/// <summary>
/// Runs a connector once, the way the runtime does (its own DI scope, classified errors, cascades, duration guard),
/// against the in-memory store and a <see cref="FakeTimeProvider"/>, on the window the test gives.
/// </summary>
/// <example>
/// <code>
/// var result = await ConnectorTest.RunAsync&lt;FnacSalesImport&gt;(window, services => services.AddSingleton(fakeFnacClient));
/// result.ShouldBeKo().ShouldHaveError(ErrorCategory.External, "503");
/// </code>
/// </example>
public static class ConnectorTest
{
    /// <summary>The id of the interface the connector runs as.</summary>
    public const string InterfaceId = "connector-under-test";

    /// <summary>Runs <typeparamref name="TConnector"/> once on <paramref name="window"/>.</summary>
    /// <typeparam name="TConnector">The connector.</typeparam>
    /// <param name="window">The window the connector works on.</param>
    /// <param name="services">Registers the connector's dependencies (fakes of the external system, options…).</param>
    /// <param name="configure">Sets the interface's type, provider, maximum duration and the clock's start.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The ended execution and its log, with assertions.</returns>
    public static async Task<ConnectorTestResult> RunAsync<TConnector>(ExecutionWindow window, Action<IServiceCollection>? services = null, Action<ConnectorTestOptions>? configure = null, CancellationToken cancellationToken = default)
        where TConnector : class, IExternalInterface
    {
        var options = new ConnectorTestOptions { Now = window.To };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(options.Now);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddExecutions(x => x
            .UseInMemoryStore()
            .Configure(o => o.EnableScheduler = false)
            .AddScheduledInterface<TConnector>(InterfaceId, i =>
            {
                i.Type(options.Type).Cron("0 0 1 1 *").MaxDuration(options.MaxDuration, options.DurationPolicy);
                if (options.Provider is { } provider)
                {
                    i.Provider(provider.Name, provider.Contact);
                }
            }));
        services?.Invoke(collection);

        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (provider.ConfigureAwait(false))
        {
            var registration = provider.GetRequiredService<InterfaceCatalog>().GetRegistration(InterfaceId);
            var runner = provider.GetRequiredService<ExecutionRunner>();
            var run = await runner.StartAsync(new ExecutionRequest(registration, ExecutionTrigger.Manual, window, UniqueKey: null, RerunOf: null), cancellationToken).ConfigureAwait(false);
            var ended = await run.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            var store = provider.GetRequiredService<IExecutionStore>();
            var lines = new List<LogEntry>();
            await foreach (var line in store.ReadAllLogAsync(ended.Id, new LogQuery { Limit = LogQuery.MaxLimit }, cancellationToken).ConfigureAwait(false))
            {
                lines.Add(line);
            }

            return new ConnectorTestResult(ended, lines);
        }
    }
}
