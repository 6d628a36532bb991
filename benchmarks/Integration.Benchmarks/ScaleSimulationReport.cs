using System.Diagnostics;
using System.Globalization;
using Integration.Storage.PostgreSql;
using Npgsql;

namespace Integration.Benchmarks;

/// <summary>
/// The end of a simulation: checks that every due occurrence ran exactly once (from the connectors' own counts and
/// from the store's rows), and measures the lag from due to start, the store's size, a console page and a purge.
/// Writes markdown to the console.
/// </summary>
internal static class ScaleSimulationReport
{
    private const int Samples = 21;

    public static async Task WriteAsync(string connectionString, string schema, ScaleSimulationOptions options, ScaleSimulationRun run)
    {
        var invariant = CultureInfo.InvariantCulture;
        var occurrences = run.Cron.GetOccurrences(run.From.UtcDateTime, run.To.UtcDateTime, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true)
            .Select(o => new DateTimeOffset(o, TimeSpan.Zero)).ToList();
        var expected = occurrences.Count * options.Interfaces;
        var missing = 0;
        var duplicated = 0;
        var expectedKo = 0;
        for (var i = 0; i < options.Interfaces; i++)
        {
            var id = ScaleSimulationHost.InterfaceId(i);
            foreach (var occurrence in occurrences)
            {
                var count = run.Runs.Counts.GetValueOrDefault((id, occurrence));
                missing += count == 0 ? 1 : 0;
                duplicated += count > 1 ? 1 : 0;
                expectedKo += run.Runs.Fails(id, occurrence) ? 1 : 0;
            }
        }

        var lags = run.Runs.Starts.Select(s => Stopwatch.GetElapsedTime(run.ReachedAt[s.Occurrence], s.StartedAt).TotalMilliseconds).Order().ToArray();
        // The scheduler's pass goes through the interfaces in registration order: the lag of the first and last tenth shows what the pass's length adds.
        var tenth = Math.Max(1, options.Interfaces / 10);
        var firstTenth = LagsOf(run, 0, tenth);
        var lastTenth = LagsOf(run, options.Interfaces - tenth, options.Interfaces);
        var bursts = run.Bursts.Select(b => b.TotalMilliseconds).Order().ToArray();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var scheduled = await ScalarAsync(connection, $"SELECT count(*) FROM executions WHERE kind = {(int)ExecutionKind.Scheduled}");
        var distinctKeys = await ScalarAsync(connection, $"SELECT count(DISTINCT unique_key) FROM executions WHERE kind = {(int)ExecutionKind.Scheduled}");
        var distinctOccurrences = await ScalarAsync(connection, $"SELECT count(*) FROM (SELECT DISTINCT interface_id, window_to FROM executions WHERE kind = {(int)ExecutionKind.Scheduled}) o");
        var ko = await ScalarAsync(connection, $"SELECT count(*) FROM executions WHERE kind = {(int)ExecutionKind.Scheduled} AND status = {(int)ExecutionStatus.KO}");
        var notOk = await ScalarAsync(connection, $"SELECT count(*) FROM executions WHERE kind = {(int)ExecutionKind.Scheduled} AND status NOT IN ({(int)ExecutionStatus.OK}, {(int)ExecutionStatus.KO})");
        var daily = await ScalarAsync(connection, $"SELECT count(*) FROM executions WHERE kind = {(int)ExecutionKind.Daily}");
        var lines = await ScalarAsync(connection, "SELECT count(*) FROM log_lines");
        var scheduledLines = await ScalarAsync(connection, $"SELECT count(*) FROM log_lines l JOIN executions e ON e.id = l.execution_id WHERE e.kind = {(int)ExecutionKind.Scheduled}");
        var executions = await ScalarAsync(connection, "SELECT count(*) FROM executions");

        Console.WriteLine();
        Console.WriteLine($"## Simulated {run.From:yyyy-MM-dd HH:mm} to {run.To:yyyy-MM-dd HH:mm} UTC in {run.Wall.TotalSeconds:0} s real time ({schema})");
        Console.WriteLine();
        Console.WriteLine($"{options.Interfaces} interfaces on '{options.Cron}', {options.Apis} APIs at {options.CallsPerSecond.ToString(invariant)} call/s each ({run.Calls} calls), {options.Hosts} hosts; " +
            $"the fake clock was nudged {run.Nudges} time(s) by a second to let a back-off end.");
        Console.WriteLine();
        Console.WriteLine("| check | expected | found |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| scheduled runs (interfaces × {occurrences.Count} due occurrences) | {expected} | {run.Runs.Counts.Count} distinct, {missing} missing, {duplicated} run twice or more |");
        Console.WriteLine($"| scheduled executions stored | {expected} | {scheduled} ({distinctKeys} unique keys, {distinctOccurrences} distinct (interface, occurrence)) |");
        Console.WriteLine($"| of which KO (one in {options.OneKoIn} logs an error) | {expectedKo} | {ko} (and {notOk} neither OK nor KO) |");
        Console.WriteLine($"| daily executions | {options.Apis} per API and day | {daily} |");
        Console.WriteLine($"| log lines | | {lines} ({scheduledLines} in scheduled executions: {Ratio(scheduledLines, scheduled)} per execution; {lines - scheduledLines} in daily ones: {Ratio(lines - scheduledLines, run.Calls)} per call) |");
        Console.WriteLine();
        Console.WriteLine("| real time | p50 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| lag, due instant reached → connector start ({lags.Length} runs) | {Percentile(lags, 0.50):0.0} ms | {Percentile(lags, 0.99):0.0} ms | {lags.LastOrDefault():0.0} ms |");
        Console.WriteLine($"| … of the first tenth of the interfaces (registration order) | {Percentile(firstTenth, 0.50):0.0} ms | {Percentile(firstTenth, 0.99):0.0} ms | {firstTenth.LastOrDefault():0.0} ms |");
        Console.WriteLine($"| … of the last tenth | {Percentile(lastTenth, 0.50):0.0} ms | {Percentile(lastTenth, 0.99):0.0} ms | {lastTenth.LastOrDefault():0.0} ms |");
        Console.WriteLine($"| burst, due instant reached → every run of it ended on every host ({bursts.Length} bursts) | {Percentile(bursts, 0.50):0} ms | {Percentile(bursts, 0.99):0} ms | {bursts.LastOrDefault():0} ms |");
        Console.WriteLine();

        await WriteSizesAsync(connection, schema, executions, lines);
        await WriteConsolePagesAsync(connectionString);
        await WritePurgeAsync(connection, connectionString, run);
    }

    private static double[] LagsOf(ScaleSimulationRun run, int from, int to)
    {
        var ids = Enumerable.Range(from, to - from).Select(ScaleSimulationHost.InterfaceId).ToHashSet(StringComparer.Ordinal);
        return run.Runs.Starts.Where(s => ids.Contains(s.InterfaceId))
            .Select(s => Stopwatch.GetElapsedTime(run.ReachedAt[s.Occurrence], s.StartedAt).TotalMilliseconds).Order().ToArray();
    }

    private static async Task WriteSizesAsync(NpgsqlConnection connection, string schema, long executions, long lines)
    {
        Console.WriteLine("| table | rows | total (table + indexes + TOAST) | indexes |");
        Console.WriteLine("|---|---:|---:|---:|");
        await using var command = new NpgsqlCommand(
            "SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid), pg_indexes_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname = @schema AND c.relkind = 'r' ORDER BY 3 DESC",
            connection);
        command.Parameters.AddWithValue("schema", schema);
        var total = 0L;
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var size = reader.GetInt64(2);
                total += size;
                sizes[reader.GetString(0)] = size;
                var name = reader.GetString(0);
                var rows = name == "executions" ? executions : name == "log_lines" ? lines : reader.GetInt64(1);
                Console.WriteLine($"| {name} | {(rows < 0 ? "not analyzed" : rows)} | {Megabytes(size)} | {Megabytes(reader.GetInt64(3))} |");
            }
        }

        Console.WriteLine($"| **all** | | **{Megabytes(total)}** | |");
        Console.WriteLine();
        Console.WriteLine($"Per execution row: {Ratio(sizes.GetValueOrDefault("executions"), executions)} bytes; per log line: {Ratio(sizes.GetValueOrDefault("log_lines"), lines)} bytes (sizes before any VACUUM, dead row versions included).");
        Console.WriteLine();
    }

    /// <summary>A console page is one store query (newest first, 50 rows): the first page, one 20 pages down, and the KO filter.</summary>
    private static async Task WriteConsolePagesAsync(string connectionString)
    {
        await using var store = new PostgreSqlExecutionStore(connectionString, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var first = await store.QueryAsync(new ExecutionQuery());
        var deep = first;
        for (var i = 0; i < 20 && deep.Items.Count > 0; i++)
        {
            deep = await store.QueryAsync(new ExecutionQuery { Before = deep.Items[^1].Id });
        }

        var pages = new (string Name, ExecutionQuery Query)[]
        {
            ("first page of the list", new ExecutionQuery()),
            ("a page 1,000 rows down (keyset cursor)", new ExecutionQuery { Before = deep.Items.Count > 0 ? deep.Items[0].Id : null }),
            ("first page of the KO filter", new ExecutionQuery { Status = ExecutionStatus.KO }),
            ("first page of one interface", new ExecutionQuery { InterfaceId = ScaleSimulationHost.InterfaceId(7) }),
        };
        Console.WriteLine($"| console page (store QueryAsync, 50 rows, {Samples} samples after 3 warm-ups) | median | max |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, query) in pages)
        {
            var times = new double[Samples];
            for (var i = -3; i < Samples; i++)
            {
                var watch = Stopwatch.StartNew();
                await store.QueryAsync(query);
                if (i >= 0)
                {
                    times[i] = watch.Elapsed.TotalMilliseconds;
                }
            }

            Array.Sort(times);
            Console.WriteLine($"| {name} | {Percentile(times, 0.5):0.00} ms | {times[^1]:0.00} ms |");
        }

        Console.WriteLine();
    }

    /// <summary>Purges the first quarter of the simulated span as retention would (the store's batches of 1,000), and times it.</summary>
    private static async Task WritePurgeAsync(NpgsqlConnection connection, string connectionString, ScaleSimulationRun run)
    {
        var cutoff = run.From + ((run.To - run.From) / 4);
        var executionsBefore = await ScalarAsync(connection, "SELECT count(*) FROM executions");
        var linesBefore = await ScalarAsync(connection, "SELECT count(*) FROM log_lines");
        await using var store = new PostgreSqlExecutionStore(connectionString, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var purged = 0;
        var batches = 0;
        while (await store.PurgeAsync(cutoff, 1000) is var n and > 0)
        {
            purged += n;
            batches++;
        }

        watch.Stop();
        var lines = linesBefore - await ScalarAsync(connection, "SELECT count(*) FROM log_lines");
        Console.WriteLine($"Purge of the executions ended before {cutoff:HH:mm} (the store's PurgeAsync, batches of 1,000): {purged} of {executionsBefore} executions " +
            $"and {lines} lines in {batches} batches, {watch.Elapsed.TotalSeconds:0.0} s: {Ratio(purged, watch.Elapsed.TotalSeconds)} executions/s, " +
            $"{(purged == 0 ? 0 : watch.Elapsed.TotalMilliseconds * 1000 / purged):0} µs per execution with its lines.");
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Ratio(double value, double per) => per == 0 ? "–" : (value / per).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
