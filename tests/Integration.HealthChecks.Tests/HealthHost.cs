using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.HealthChecks.Tests;

/// <summary>
/// A host's services with the in-memory store, a fake clock, the scheduled interface <c>sales</c> (hourly, UTC), the
/// real-time interface <c>api</c> (UTC) and the execution health checks. Hosted services are not started: a test
/// refreshes the snapshot itself, so each report is of a known instant.
/// </summary>
internal sealed class HealthHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private HealthHost(ServiceProvider provider, FakeTimeProvider time, ConnectorBehavior behavior)
    {
        Provider = provider;
        Time = time;
        Behavior = behavior;
    }

    public ServiceProvider Provider { get; }

    public FakeTimeProvider Time { get; }

    public ConnectorBehavior Behavior { get; }

    public IExecutionOperations Operations => Provider.GetRequiredService<IExecutionOperations>();

    public IRealTimeCalls Calls => Provider.GetRequiredService<IRealTimeCalls>();

    public static HealthHost Create(Action<ExecutionHealthOptions>? options = null, Action<IServiceCollection>? services = null, TimeProvider? clock = null, FakeTimeProvider? fake = null)
    {
        var time = fake ?? new FakeTimeProvider(Start);
        var behavior = new ConnectorBehavior();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(clock ?? time);
        collection.AddSingleton(behavior);
        collection.AddExecutions(x =>
        {
            x.UseInMemoryStore().Configure(o => o.ShutdownGracePeriod = TimeSpan.Zero);
            x.AddScheduledInterface<BehavingConnector>("sales", i => i.Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example").Cron("0 * * * *").MaxDuration(TimeSpan.FromMinutes(30)));
            x.AddRealTimeInterface("api", i => i.Type(InterfaceType.PublicWebServices).Inbound());
        });
        collection.AddHealthChecks().AddExecutionChecks(options);
        services?.Invoke(collection);
        return new HealthHost(collection.BuildServiceProvider(validateScopes: true), time, behavior);
    }

    public Task RefreshAsync() => Provider.GetRequiredService<HealthSnapshots>().RefreshAsync(CancellationToken.None);

    public Task<HealthReport> ReportAsync(string? name = null)
        => Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => name is null || r.Name == name);

    public async Task<HealthReportEntry> InterfaceAsync(string interfaceId)
    {
        var report = await ReportAsync(ExecutionHealthChecksBuilderExtensions.InterfaceCheckName(interfaceId));
        return Assert.Single(report.Entries).Value;
    }

    public async Task<Execution> RunNowAsync()
    {
        var run = await Operations.RunNowAsync("sales");
        return await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task StartHostedServicesAsync()
    {
        foreach (var service in Provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Provider.GetServices<IHostedService>().Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await Provider.DisposeAsync();
    }
}

/// <summary>What <see cref="BehavingConnector"/> does on its next runs.</summary>
internal sealed class ConnectorBehavior
{
    public Exception? Failure { get; set; }

    public Task Gate { get; set; } = Task.CompletedTask;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed class BehavingConnector(ConnectorBehavior behavior) : IExternalInterface
{
    public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        behavior.Started.TrySetResult();
        await behavior.Gate.WaitAsync(cancellationToken);
        if (behavior.Failure is { } failure)
        {
            throw failure;
        }
    }
}
