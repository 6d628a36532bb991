using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests.Support;

/// <summary>A host's services with the in-memory store, a fake clock, and scripted connectors.</summary>
public sealed class Harness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private Harness(ServiceProvider provider, FakeTimeProvider time, ConnectorScripts scripts)
    {
        Provider = provider;
        Time = time;
        Scripts = scripts;
        Metrics = new MetricRecorder(provider.GetRequiredService<IMeterFactory>());
    }

    public ServiceProvider Provider { get; }

    public FakeTimeProvider Time { get; }

    public ConnectorScripts Scripts { get; }

    public MetricRecorder Metrics { get; }

    public IExecutionOperations Operations => Provider.GetRequiredService<IExecutionOperations>();

    public IExecutionStore Store => Provider.GetRequiredService<IExecutionStore>();

    /// <summary>Builds a host with one scheduled interface <c>sales</c> (every two hours, Europe/Zurich) unless told otherwise.</summary>
    public static Harness Create(Action<IExecutionsBuilder>? configure = null, Action<ScheduledInterfaceBuilder>? sales = null)
    {
        var time = new FakeTimeProvider(Start);
        var scripts = new ConnectorScripts();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(scripts);
        services.AddExecutions(x =>
        {
            x.UseInMemoryStore()
             .Configure(o => o.ShutdownGracePeriod = TimeSpan.Zero)
             .AddScheduledInterface<ScriptedConnector>("sales", i =>
             {
                 i.Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example").Cron("0 */2 * * *", "Europe/Zurich");
                 sales?.Invoke(i);
             });
            configure?.Invoke(x);
        });
        return new Harness(services.BuildServiceProvider(validateScopes: true), time, scripts);
    }

    public async Task<Execution> RunNowAsync(string interfaceId = "sales")
    {
        var run = await Operations.RunNowAsync(interfaceId);
        return await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<IReadOnlyList<LogEntry>> LinesAsync(ExecutionId id, ExecutionLogLevel minLevel = ExecutionLogLevel.Debug)
        => await Store.ReadLogAsync(id, new LogQuery { MinLevel = minLevel, Limit = LogQuery.MaxLimit });

    public Task StopHostAsync()
        => Task.WhenAll(Provider.GetServices<IHostedService>().Select(s => s.StopAsync(CancellationToken.None)));

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await Provider.DisposeAsync();
    }
}
