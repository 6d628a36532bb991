using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integration.Benchmarks;

/// <summary>
/// A host of ours for the fire-path benchmarks: <c>count</c> scheduled interfaces running <see cref="NoOpConnector"/>
/// every second (6-field cron), its hosted services started (the scheduler armed on its first timer), on a stepped
/// clock that the benchmark moves: each step of one second makes one occurrence of every interface due.
/// </summary>
public sealed class ScheduledHost : IAsyncDisposable
{
    private readonly List<ServiceProvider> _nodes;
    private readonly EndedExecutions _ended;

    private ScheduledHost(SteppedTimeProvider clock, int occurrences, List<ServiceProvider> nodes, EndedExecutions ended)
    {
        Clock = clock;
        OccurrencesPerStep = occurrences;
        _nodes = nodes;
        _ended = ended;
    }

    /// <summary>Gets the clock the nodes share.</summary>
    public SteppedTimeProvider Clock { get; }

    /// <summary>Gets how many occurrences fall due at each step.</summary>
    public int OccurrencesPerStep { get; }

    /// <summary>Gets the nodes (service providers) sharing the store.</summary>
    public IReadOnlyList<ServiceProvider> Nodes => _nodes;

    /// <summary>Gets how many executions have ended since the host started.</summary>
    public long Ended => _ended.Total;

    /// <summary>Builds and starts <paramref name="nodes"/> nodes with <paramref name="count"/> interfaces each, on the store <paramref name="useStore"/> registers.</summary>
    public static async Task<ScheduledHost> StartAsync(SteppedTimeProvider clock, int count, Action<IExecutionsBuilder> useStore, int nodes = 1)
    {
        var ended = new EndedExecutions();
        var providers = new List<ServiceProvider>();
        for (var n = 0; n < nodes; n++)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(clock);
            var node = n;
            services.AddExecutions(x =>
            {
                useStore(x);
                x.Configure(o => o.NodeId = $"bench-node-{node}");
                for (var i = 0; i < count; i++)
                {
                    x.AddScheduledInterface<NoOpConnector>($"noop-{i}", s => s.Cron("* * * * * *"));
                }
            });
            var provider = services.BuildServiceProvider();
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            providers.Add(provider);
        }

        return new ScheduledHost(clock, count, providers, ended);
    }

    /// <summary>Moves the clock one second (every interface's next occurrence falls due) and waits until each occurrence has completed.</summary>
    public async Task FireNextOccurrenceAsync()
    {
        var done = _ended.Expect(OccurrencesPerStep);
        Clock.Step(TimeSpan.FromSeconds(1));
        await done.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _nodes)
        {
            foreach (var hosted in provider.GetServices<IHostedService>().Reverse())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await provider.DisposeAsync();
        }

        _ended.Dispose();
    }
}

/// <summary>A connector that does nothing.</summary>
public sealed class NoOpConnector : IExternalInterface
{
    /// <inheritdoc />
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken) => Task.CompletedTask;
}
