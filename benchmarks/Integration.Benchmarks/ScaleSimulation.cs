using System.Diagnostics;
using System.Globalization;
using Cronos;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Integration.Benchmarks;

/// <summary>
/// A compressed day on PostgreSQL (issue 16, item 6): <see cref="ScaleSimulationOptions.Interfaces"/> scheduled
/// interfaces and <see cref="ScaleSimulationOptions.Apis"/> real-time APIs on <see cref="ScaleSimulationOptions.Hosts"/>
/// hosts sharing one database and one <see cref="FakeTimeProvider"/>. The clock moves one simulated minute at a time;
/// in each minute every API takes its calls, and at a due instant the simulation waits until every host's scheduler
/// has done its pass and every run has ended before it moves on, so the hosts never fall behind the fake clock.
/// </summary>
/// <remarks>
/// What fake time covers: the hosts' clocks (schedules, windows, started/ended instants, daily executions and their
/// midnight, heartbeats). What it cannot: the database's clock, <c>now()</c>, which the PostgreSQL store uses for leases,
/// the abandon sweep and log batch ids. Those stay real: a scheduled run lasts milliseconds of real time, and daily
/// executions are not swept, so nothing is abandoned that a real day would keep; the lease renewals simply come more
/// often (in real time) than in a real day. Lags are measured in real time, from the moment the fake clock reaches
/// the due instant to the connector's start, which is what a real day would see for a burst of that size.
/// Run: <c>dotnet run -c Release --project benchmarks/Integration.Benchmarks -- --simulate-day [--short]</c>.
/// </remarks>
internal static class ScaleSimulation
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = ScaleSimulationOptions.Parse(args);
        if (await PostgreSqlAppendBenchmarks.UnreachableBecauseAsync() is { } why)
        {
            Console.WriteLine($"The simulation needs PostgreSQL: no server answers ({why}). Start one and set INTEGRATION_POSTGRES.");
            return 1;
        }

        var schema = "bench_scale_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(PostgreSqlAppendBenchmarks.ConnectionString, $"CREATE SCHEMA {schema}; CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        // 20 connections per host: 3 hosts stay well under PostgreSQL's default max_connections (100), as a real deployment must.
        var connectionString = new NpgsqlConnectionStringBuilder(PostgreSqlAppendBenchmarks.ConnectionString) { SearchPath = schema, CommandTimeout = 600, MaxPoolSize = 20 }.ConnectionString;
        Console.WriteLine($"Simulating {options.Span.TotalHours:0.#} h: {options.Interfaces} interfaces on '{options.Cron}', {options.Apis} APIs at {options.CallsPerSecond} call/s each, " +
            $"{options.Hosts} hosts, schema {schema}.");
        try
        {
            var run = await SimulateAsync(connectionString, options);
            await ScaleSimulationReport.WriteAsync(connectionString, schema, options, run);
        }
        finally
        {
            if (!options.KeepSchema)
            {
                await ExecuteAsync(PostgreSqlAppendBenchmarks.ConnectionString, $"DROP SCHEMA {schema} CASCADE");
            }
        }

        return 0;
    }

    private static async Task<ScaleSimulationRun> SimulateAsync(string connectionString, ScaleSimulationOptions options)
    {
        var time = new FakeTimeProvider(Day.AddSeconds(-30));
        var runs = new ScaleSimulationRuns(options.OneKoIn);
        var cron = CronExpression.Parse(options.Cron);
        var hosts = Enumerable.Range(1, options.Hosts).Select(i => new ScaleSimulationHost(connectionString, $"host-{i}", time, runs, options)).ToList();
        var reachedAt = new Dictionary<DateTimeOffset, long>();
        var bursts = new List<TimeSpan>();
        var calls = 0L;
        var nudges = 0;
        var callCarry = 0.0;
        try
        {
            // The first host creates the schema; the others find it.
            foreach (var host in hosts)
            {
                await host.StartAsync();
            }

            var wall = Stopwatch.StartNew();
            var end = Day + options.Span;
            for (var now = Day; now <= end; now = now.AddMinutes(1))
            {
                var due = cron.GetNextOccurrence(now.AddTicks(-1).UtcDateTime, TimeZoneInfo.Utc) == now.UtcDateTime;
                var generations = hosts.Select(h => h.Scheduler.Generation).ToArray();
                var reached = Stopwatch.GetTimestamp();
                reachedAt[now] = reached;
                time.SetUtcNow(now);

                // The APIs' calls of this minute, at the same time as the burst of scheduled runs.
                callCarry += options.CallsPerSecond * 60;
                var callsThisMinute = (int)callCarry;
                callCarry -= callsThisMinute;
                var calling = CallAsync(hosts, options.Apis, callsThisMinute, calls);
                calls += (long)callsThisMinute * options.Apis;
                if (due)
                {
                    await Task.WhenAll(hosts.Select((h, i) => h.Scheduler.WaitIdleAsync(generations[i]))).WaitAsync(TimeSpan.FromMinutes(10));
                    nudges += await UntilAsync(() => runs.StartedAt(now) >= options.Interfaces && hosts.All(h => h.NoScheduledRunning), () => (runs.StartedAt(now) * 100_000) + hosts.Sum(h => h.Running.Count), time, now);
                    bursts.Add(Stopwatch.GetElapsedTime(reached));
                }

                await calling;
                if (now.Minute == 0)
                {
                    Console.WriteLine($"  {now:yyyy-MM-dd HH:mm} simulated, {wall.Elapsed.TotalSeconds:0} s real, {runs.Counts.Count} runs, {calls} calls");
                }
            }

            wall.Stop();
            foreach (var host in hosts)
            {
                await host.StopAsync();
            }

            return new ScaleSimulationRun(runs, reachedAt, bursts, calls, nudges, wall.Elapsed, Day, end, cron);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>Makes <paramref name="perApi"/> calls on each API, spread over the hosts (as a load balancer would), all at once.</summary>
    private static Task CallAsync(IReadOnlyList<ScaleSimulationHost> hosts, int apis, int perApi, long numbered)
    {
        var calls = new List<Task>(apis * perApi);
        for (var i = 0; i < perApi; i++)
        {
            for (var api = 0; api < apis; api++)
            {
                var n = numbered + (i * apis) + api;
                var host = hosts[(int)(n % hosts.Count)];
                calls.Add(host.Calls.CallAsync(ScaleSimulationHost.ApiId(api), "GET /prices/" + n.ToString(CultureInfo.InvariantCulture), static (call, _) =>
                {
                    call.Log.Info("Price list read (12 items)");
                    return Task.CompletedTask;
                }));
            }
        }

        return Task.WhenAll(calls);
    }

    /// <summary>
    /// Waits until the burst is done. A store failure is retried after a back-off on the host's clock, which is the fake
    /// one and would never move: when the burst makes no progress for 2 s of real time, the clock is nudged one second
    /// (never past the minute), and the nudges are counted and reported.
    /// </summary>
    private static async Task<int> UntilAsync(Func<bool> done, Func<int> progress, FakeTimeProvider time, DateTimeOffset occurrence)
    {
        var waited = Stopwatch.StartNew();
        var still = Stopwatch.StartNew();
        var last = progress();
        var nudges = 0;
        while (!done())
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"The occurrence {occurrence:O} did not run on every interface within 10 minutes.");
            }

            if (progress() != last)
            {
                last = progress();
                still.Restart();
            }
            else if (still.Elapsed > TimeSpan.FromSeconds(2) && time.GetUtcNow() < occurrence.AddSeconds(59))
            {
                time.Advance(TimeSpan.FromSeconds(1));
                nudges++;
                still.Restart();
            }

            await Task.Delay(5);
        }

        return nudges;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>What a simulation did, for <see cref="ScaleSimulationReport"/>.</summary>
internal sealed record ScaleSimulationRun(
    ScaleSimulationRuns Runs,
    IReadOnlyDictionary<DateTimeOffset, long> ReachedAt,
    IReadOnlyList<TimeSpan> Bursts,
    long Calls,
    int Nudges,
    TimeSpan Wall,
    DateTimeOffset From,
    DateTimeOffset To,
    CronExpression Cron);
