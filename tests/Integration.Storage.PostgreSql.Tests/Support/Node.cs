using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>One host of several sharing a database: its own services, connection pool and node id.</summary>
public sealed class Node : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public Node(string connectionString, string nodeId, Runs runs, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(runs);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddExecutions(x => x
            .UsePostgreSqlStore(connectionString)
            .Configure(o => o.NodeId = nodeId)
            .AddScheduledInterface<CountingConnector>("sales", i => i.Cron("* * * * *").OnOverlap(OverlapPolicy.Allow)));
        _provider = services.BuildServiceProvider();
    }

    public IExecutionOperations Operations => _provider.GetRequiredService<IExecutionOperations>();

    public IExecutionStore Store => _provider.GetRequiredService<IExecutionStore>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>What the nodes' connectors did, shared by every node of a test.</summary>
public sealed class Runs
{
    public ConcurrentDictionary<DateTimeOffset, int> ByWindowEnd { get; } = new();

    /// <summary>Gets or sets what the connector does after counting its run.</summary>
    public Func<IExecutionContext, CancellationToken, Task>? Then { get; set; }
}

public sealed class CountingConnector(Runs runs) : IExternalInterface
{
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        runs.ByWindowEnd.AddOrUpdate(run.Window.To, 1, (_, n) => n + 1);
        return runs.Then?.Invoke(run, cancellationToken) ?? Task.CompletedTask;
    }
}
