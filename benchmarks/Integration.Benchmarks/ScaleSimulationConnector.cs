using System.Collections.Concurrent;
using System.Diagnostics;

namespace Integration.Benchmarks;

/// <summary>
/// The simulated scheduled connector: it records that it ran (on which occurrence, at which real instant) and logs
/// what a small import logs: three information lines, and for one occurrence in <see cref="ScaleSimulationOptions.OneKoIn"/>
/// an External error, which makes the execution KO.
/// </summary>
public sealed class ScaleSimulationConnector(ScaleSimulationRuns runs) : IExternalInterface
{
    /// <inheritdoc />
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        runs.Started(run.Execution.InterfaceId, run.Window.To);
        run.Log.Info($"Fetching sales {run.Window}");
        run.Log.Info("Fetched 3 pages of sales (142 sales)");
        if (runs.Fails(run.Execution.InterfaceId, run.Window.To))
        {
            run.Log.Error(ErrorCategory.External, "The provider answered 503 Service Unavailable on page 2");
        }

        run.Log.Info("Integrated 142 sales");
        return Task.CompletedTask;
    }
}

/// <summary>
/// What the simulated connectors did, across the hosts: how many times each (interface, occurrence) ran, and the real
/// instant (<see cref="Stopwatch"/> timestamp) each one started, to measure the lag from its due instant.
/// </summary>
public sealed class ScaleSimulationRuns(int oneKoIn)
{
    private readonly ConcurrentDictionary<(string InterfaceId, DateTimeOffset Occurrence), int> _counts = new();
    private readonly ConcurrentDictionary<DateTimeOffset, int> _startedByOccurrence = new();
    private readonly ConcurrentQueue<(string InterfaceId, DateTimeOffset Occurrence, long StartedAt)> _starts = new();

    /// <summary>Gets how many times each (interface, occurrence) ran.</summary>
    public IReadOnlyDictionary<(string InterfaceId, DateTimeOffset Occurrence), int> Counts => _counts;

    /// <summary>Gets each run's interface, occurrence and real start (a <see cref="Stopwatch"/> timestamp).</summary>
    public IReadOnlyCollection<(string InterfaceId, DateTimeOffset Occurrence, long StartedAt)> Starts => _starts;

    /// <summary>Records a run's start.</summary>
    public void Started(string interfaceId, DateTimeOffset occurrence)
    {
        var at = Stopwatch.GetTimestamp();
        _counts.AddOrUpdate((interfaceId, occurrence), 1, static (_, n) => n + 1);
        _startedByOccurrence.AddOrUpdate(occurrence, 1, static (_, n) => n + 1);
        _starts.Enqueue((interfaceId, occurrence, at));
    }

    /// <summary>Gets how many runs of this occurrence have started, on all interfaces.</summary>
    public int StartedAt(DateTimeOffset occurrence) => _startedByOccurrence.GetValueOrDefault(occurrence);

    /// <summary>Tells whether this (interface, occurrence) is one of the KO ones: a fixed one in <c>oneKoIn</c>.</summary>
    public bool Fails(string interfaceId, DateTimeOffset occurrence)
    {
        // A stable hash (FNV-1a), so that the KO executions are the same in every run.
        var hash = 2166136261u;
        foreach (var c in interfaceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)(occurrence.UtcTicks / TimeSpan.TicksPerMinute)) * 16777619u;
        return oneKoIn > 0 && hash % (uint)oneKoIn == 0;
    }
}
