using BenchmarkDotNet.Attributes;
using Hangfire;
using Hangfire.PostgreSql;
using Integration.Storage.PostgreSql;
using Npgsql;

namespace Integration.Benchmarks;

/// <summary>
/// The fire path on PostgreSQL: <see cref="Occurrences"/> occurrences of a no-op job due at once, as in
/// <see cref="FirePathBenchmarks"/>, on one database. Ours: our scheduler on the PostgreSQL store, with one host and
/// with two hosts (two service providers, two node ids) sharing the store; every occurrence is created once across them
/// by the store's unique key. Hangfire.PostgreSql: as many jobs enqueued and run by its default workers. The benchmark
/// runs in its own database (<see cref="Database"/>), so <c>pg_stat_statements</c> counts this process's statements
/// alone: reset when the benchmark's setup is done, read at its cleanup, and printed per execution (lines starting
/// with <c>STATEMENTS</c> in the benchmark's log, and a file in the temporary folder).
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlFirePathBenchmarks
{
    /// <summary>The occurrences due at once in each invocation.</summary>
    public const int Occurrences = 200;

    /// <summary>The database these benchmarks create and run in, next to the one of INTEGRATION_POSTGRES.</summary>
    public const string Database = "bench_fire";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ScheduledHost? _integration;
    private BackgroundJobServer? _hangfireServer;
    private BackgroundJobClient? _hangfireClient;
    private PostgreSqlStorage? _hangfireStorage;
    private long _hangfireRun;
    private long _endedAtReset;
    private string _name = "";

    [GlobalSetup(Target = nameof(HangfirePostgreSql))]
    public async Task SetupHangfire()
    {
        var connectionString = await PrepareAsync("bench_fire_hangfire");
        var options = new PostgreSqlStorageOptions { SchemaName = "bench_fire_hangfire", PrepareSchemaIfNecessary = true };
        _hangfireStorage = new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options);
        _hangfireClient = new BackgroundJobClient(_hangfireStorage);
        _hangfireServer = new BackgroundJobServer(new BackgroundJobServerOptions(), _hangfireStorage);
        await HangfirePostgreSql();
        await ResetStatementsAsync(nameof(HangfirePostgreSql));
        _hangfireRun = 0;
    }

    [GlobalSetup(Target = nameof(Integration_OneHost))]
    public Task SetupOneHost() => SetupIntegrationAsync("bench_fire_ours_1", nodes: 1, nameof(Integration_OneHost));

    [GlobalSetup(Target = nameof(Integration_TwoHosts))]
    public Task SetupTwoHosts() => SetupIntegrationAsync("bench_fire_ours_2", nodes: 2, nameof(Integration_TwoHosts));

    [GlobalCleanup]
    public async Task Cleanup()
    {
        var executions = _integration is null ? _hangfireRun : _integration.Ended - _endedAtReset;
        await ReportStatementsAsync(executions);
        _hangfireServer?.Dispose();
        if (_integration is not null)
        {
            await _integration.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Occurrences)]
    public async Task HangfirePostgreSql()
    {
        var done = JobCountdown.Expect(Occurrences);
        for (var i = 0; i < Occurrences; i++)
        {
            _hangfireClient!.Enqueue(() => NoOpHangfireJob.Run());
        }

        await done;
        _hangfireRun += Occurrences;
    }

    [Benchmark(OperationsPerInvoke = Occurrences)]
    public Task Integration_OneHost() => _integration!.FireNextOccurrenceAsync();

    [Benchmark(OperationsPerInvoke = Occurrences)]
    public Task Integration_TwoHosts() => _integration!.FireNextOccurrenceAsync();

    /// <summary>Gets the connection string of <see cref="Database"/> with <paramref name="schema"/> as its search path.</summary>
    public static string ConnectionString(string schema)
        => new NpgsqlConnectionStringBuilder(PostgreSqlAppendBenchmarks.ConnectionString) { Database = Database, SearchPath = schema }.ConnectionString;

    private async Task SetupIntegrationAsync(string schema, int nodes, string name)
    {
        var connectionString = await PrepareAsync(schema);
        _integration = await ScheduledHost.StartAsync(new SteppedTimeProvider(Start), Occurrences, x => x.UsePostgreSqlStore(connectionString), nodes);
        await _integration.FireNextOccurrenceAsync();
        await ResetStatementsAsync(name);
        _endedAtReset = _integration.Ended;
    }

    /// <summary>Creates the database (once) with pg_stat_statements, and the schema afresh.</summary>
    private static async Task<string> PrepareAsync(string schema)
    {
        await using (var server = new NpgsqlConnection(PostgreSqlAppendBenchmarks.ConnectionString))
        {
            await server.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{Database}'", server);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", server);
                await create.ExecuteNonQueryAsync();
            }
        }

        var connectionString = ConnectionString(schema);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var prepare = new NpgsqlCommand(
            $"CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA public; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};", connection);
        await prepare.ExecuteNonQueryAsync();
        return connectionString;
    }

    private async Task ResetStatementsAsync(string name)
    {
        _name = name;
        await using var connection = new NpgsqlConnection(ConnectionString("public"));
        await connection.OpenAsync();
        await using var reset = new NpgsqlCommand(
            "SELECT public.pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)", connection);
        await reset.ExecuteNonQueryAsync();
    }

    private async Task ReportStatementsAsync(long executions)
    {
        if (executions == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(ConnectionString("public"));
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            "SELECT calls, total_exec_time, query FROM public.pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
            "AND query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC",
            connection);
        var lines = new List<string>();
        long total = 0;
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var calls = reader.GetInt64(0);
                total += calls;
                var query = string.Join(' ', reader.GetString(2).Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
                lines.Add($"STATEMENTS {_name} | {calls} | {(double)calls / executions:0.###} per execution | {reader.GetDouble(1) / calls:0.###} ms each | {query}");
            }
        }

        lines.Insert(0, $"STATEMENTS {_name} | executions {executions} | statements {total} | per execution {(double)total / executions:0.###}");
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        await File.WriteAllLinesAsync(Path.Combine(Path.GetTempPath(), $"bench_fire_statements_{_name}.txt"), lines);
    }
}
