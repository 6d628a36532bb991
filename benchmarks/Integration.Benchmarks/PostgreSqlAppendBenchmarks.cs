using BenchmarkDotNet.Attributes;
using Integration.Storage.PostgreSql;
using Npgsql;
using NpgsqlTypes;

namespace Integration.Benchmarks;

/// <summary>
/// Appending <see cref="Lines"/> lines to an execution of the PostgreSQL store, all appenders at once (so the store
/// batches them into binary COPY), against the raw baseline: the same rows written by one Npgsql binary COPY into a
/// table with the same key. Per line. Needs a PostgreSQL server (<c>INTEGRATION_POSTGRES</c>); without one,
/// Program.cs says so and skips this class.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlAppendBenchmarks
{
    private const int Lines = 1000;
    private static readonly DateTimeOffset Time = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly LogEntry _entry = new() { Time = Time, Level = ExecutionLogLevel.Information, Message = "Fetched page 3 of the sales (50 sales)", CorrelationId = "call-42" };
    private PostgreSqlExecutionStore _store = null!;
    private NpgsqlDataSource _raw = null!;
    private int _executions;

    /// <summary>Gets the connection string: INTEGRATION_POSTGRES, or the local server CI starts.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("INTEGRATION_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=integration_tests";

    /// <summary>Tells whether a PostgreSQL server answers, and why not.</summary>
    public static async Task<string?> UnreachableBecauseAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 3 }.ConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException or TimeoutException)
        {
            return e.Message;
        }
    }

    [GlobalSetup]
    public async Task Setup()
    {
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
        _store = new PostgreSqlExecutionStore(connectionString, TimeProvider.System);
        await _store.InitializeAsync(CancellationToken.None);
        _raw = NpgsqlDataSource.Create(connectionString);
        await using var table = _raw.CreateCommand(
            "CREATE TABLE raw_lines (execution_id uuid NOT NULL, sequence bigint NOT NULL, time timestamptz NOT NULL, level integer NOT NULL, " +
            "category integer NULL, message text NOT NULL, correlation_id text NULL, PRIMARY KEY (execution_id, sequence))");
        await table.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _raw.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public async Task RawBinaryCopy()
    {
        var executionId = Guid.NewGuid();
        await using var connection = await _raw.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync("COPY raw_lines (execution_id, sequence, time, level, category, message, correlation_id) FROM STDIN (FORMAT BINARY)");
        for (var i = 1; i <= Lines; i++)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(executionId, NpgsqlDbType.Uuid);
            await copy.WriteAsync((long)i, NpgsqlDbType.Bigint);
            await copy.WriteAsync(_entry.Time.UtcDateTime, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync((int)_entry.Level, NpgsqlDbType.Integer);
            await copy.WriteNullAsync();
            await copy.WriteAsync(_entry.Message, NpgsqlDbType.Text);
            await copy.WriteAsync(_entry.CorrelationId!, NpgsqlDbType.Text);
        }

        await copy.CompleteAsync();
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task PostgreSqlStoreAppend()
    {
        var id = ExecutionId.New(Time.AddMilliseconds(++_executions));
        await _store.CreateAsync(new Execution { Id = id, InterfaceId = "sales", ScheduleId = "sales", StartedAt = Time, NodeId = "bench" });
        var appends = new Task<long>[Lines];
        for (var i = 0; i < Lines; i++)
        {
            appends[i] = _store.AppendAsync(id, _entry).AsTask();
        }

        await Task.WhenAll(appends);
    }
}
