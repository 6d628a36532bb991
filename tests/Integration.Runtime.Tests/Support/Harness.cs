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
    /// <param name="configure">More registrations.</param>
    /// <param name="sales">Changes to the <c>sales</c> interface; null registers none when <paramref name="withSales"/> is false.</param>
    /// <param name="time">A clock shared with another harness (a restarted host); a new one from <see cref="Start"/> otherwise.</param>
    /// <param name="store">A store shared with another harness (a restarted host, or another node); a new in-memory one otherwise.</param>
    /// <param name="withSales">Whether to register the <c>sales</c> interface.</param>
    public static Harness Create(Action<IExecutionsBuilder>? configure = null, Action<ScheduledInterfaceBuilder>? sales = null, TimeProvider? time = null, IExecutionStore? store = null, bool withSales = true, ConnectorScripts? scripts = null)
    {
        var clock = time ?? new FakeTimeProvider(Start);
        scripts ??= new ConnectorScripts();
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton(scripts);
        services.AddExecutions(x =>
        {
            x.UseInMemoryStore().Configure(o => o.ShutdownGracePeriod = TimeSpan.Zero);
            if (withSales)
            {
                x.AddScheduledInterface<ScriptedConnector>("sales", i =>
                {
                    i.Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example").Cron("0 */2 * * *", "Europe/Zurich");
                    sales?.Invoke(i);
                });
            }

            configure?.Invoke(x);
        });
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        return new Harness(services.BuildServiceProvider(validateScopes: true), clock as FakeTimeProvider ?? ((CountingTimeProvider)clock).Fake, scripts);
    }

    internal Scheduler Scheduler => Provider.GetRequiredService<Scheduler>();

    public IDailyExecutions Daily => Provider.GetRequiredService<IDailyExecutions>();

    public IRealTimeCalls Calls => Provider.GetRequiredService<IRealTimeCalls>();

    /// <summary>Starts the hosted services (the scheduler among them) and waits until the scheduler waits for its timer.</summary>
    public async Task StartHostAsync()
    {
        var generation = Scheduler.Generation;
        foreach (var service in Provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        await Scheduler.WaitIdleAsync(generation).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Moves the clock to the scheduler's next wake and waits until it has done its work.</summary>
    public async Task<DateTimeOffset> AdvanceToNextWakeAsync()
    {
        var wake = Scheduler.NextWake ?? throw new InvalidOperationException("The scheduler has nothing to wake for.");
        var generation = Scheduler.Generation;
        Time.SetUtcNow(wake);
        await Scheduler.WaitIdleAsync(generation).WaitAsync(TimeSpan.FromSeconds(30));
        return wake;
    }

    /// <summary>Gets every execution in the store, oldest first.</summary>
    public async Task<List<Execution>> ExecutionsAsync(Func<Execution, bool>? filter = null)
    {
        var all = new List<Execution>();
        await foreach (var execution in Store.QueryAllAsync(new ExecutionQuery { Limit = ExecutionQuery.MaxLimit }))
        {
            all.Add(execution);
        }

        all.Reverse();
        return filter is null ? all : all.Where(filter).ToList();
    }

    public async Task<Execution> RunNowAsync(string interfaceId = "sales")
    {
        var run = await Operations.RunNowAsync(interfaceId);
        return await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<IReadOnlyList<LogEntry>> LinesAsync(ExecutionId id, ExecutionLogLevel minLevel = ExecutionLogLevel.Debug)
        => await Store.ReadLogAsync(id, new LogQuery { MinLevel = minLevel, Limit = LogQuery.MaxLimit });

    public async Task StopHostAsync()
    {
        foreach (var service in Provider.GetServices<IHostedService>().Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await Provider.DisposeAsync();
    }
}
