using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Benchmarks;

/// <summary>
/// One host of the simulation: its own services, connection pool and node id, the shared fake clock, every interface
/// registered as a real host registers them, and its hosted services (scheduler, daily executions, leases) started
/// as a host starts them.
/// </summary>
internal sealed class ScaleSimulationHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _started = [];

    public ScaleSimulationHost(string connectionString, string nodeId, FakeTimeProvider time, ScaleSimulationRuns runs, ScaleSimulationOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time).AddSingleton(runs);

        // What goes wrong (a store failure retried, a misfire) is printed, as a host would log it.
        services.AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddExecutions(x =>
        {
            x.UsePostgreSqlStore(connectionString).Configure(o => o.NodeId = nodeId);
            for (var i = 0; i < options.Interfaces; i++)
            {
                x.AddScheduledInterface<ScaleSimulationConnector>(InterfaceId(i), b => b.Type(InterfaceType.ExternalSales).Cron(options.Cron));
            }

            for (var i = 0; i < options.Apis; i++)
            {
                x.AddRealTimeInterface(ApiId(i), b => b.Type(InterfaceType.PublicWebServices).Inbound().TimeZone("UTC"));
            }
        });
        _provider = services.BuildServiceProvider();
        Scheduler = _provider.GetRequiredService<Scheduler>();
        Calls = _provider.GetRequiredService<IRealTimeCalls>();
        Running = _provider.GetRequiredService<RunningExecutions>();
    }

    /// <summary>Gets the host's scheduler, to wait until it has done its due work.</summary>
    public Scheduler Scheduler { get; }

    /// <summary>Gets the host's real-time calls.</summary>
    public IRealTimeCalls Calls { get; }

    /// <summary>Gets the executions running on this host.</summary>
    public RunningExecutions Running { get; }

    /// <summary>Gets the store as this host sees it.</summary>
    public IExecutionStore Store => _provider.GetRequiredService<IExecutionStore>();

    public static string InterfaceId(int index) => "sales-" + index.ToString("0000", CultureInfo.InvariantCulture);

    public static string ApiId(int index) => "api-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Gets whether no scheduled execution is running on this host.</summary>
    public bool NoScheduledRunning => Running.Snapshot().All(r => r.Execution.Kind != ExecutionKind.Scheduled);

    public async Task StartAsync()
    {
        foreach (var hosted in _provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            _started.Add(hosted);
        }
    }

    public async Task StopAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(CancellationToken.None);
        }

        _started.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _provider.DisposeAsync();
    }
}
