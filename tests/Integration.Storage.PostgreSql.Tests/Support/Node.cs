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
            .AddScheduledInterface<CountingConnector>("sales", i => i.Cron("* * * * *").OnOverlap(OverlapPolicy.Allow))
            .AddRealTimeInterface("public-api", i => i.Inbound().TimeZone("Europe/Zurich")));
        _provider = services.BuildServiceProvider();
    }

    public IExecutionOperations Operations => _provider.GetRequiredService<IExecutionOperations>();

    public IExecutionStore Store => _provider.GetRequiredService<IExecutionStore>();

    public IDailyExecutions Daily => _provider.GetRequiredService<IDailyExecutions>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
