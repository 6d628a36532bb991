using BenchmarkDotNet.Attributes;
using Integration.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Integration.Benchmarks;

/// <summary>
/// Appending <see cref="Lines"/> lines to an execution of the SQLite store, all appenders at once (so the single
/// writer groups them into shared transactions), against the raw baseline: the same rows inserted with one prepared
/// Microsoft.Data.Sqlite command in one transaction, into a table with the same key, in the same database file
/// (WAL, synchronous = FULL, as the store uses). Per line.
/// </summary>
[MemoryDiagnoser]
public class SqliteAppendBenchmarks
{
    private const int Lines = 1000;
    private static readonly DateTimeOffset Time = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly LogEntry _entry = new() { Time = Time, Level = ExecutionLogLevel.Information, Message = "Fetched page 3 of the sales (50 sales)", CorrelationId = "call-42" };
    private string _folder = null!;
    private SqliteExecutionStore _store = null!;
    private SqliteConnection _raw = null!;
    private int _executions;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("integration-bench-sqlite-").FullName;
        var connectionString = $"Data Source={Path.Combine(_folder, "store.db")}";
        _store = new SqliteExecutionStore(connectionString, TimeProvider.System);
        await _store.InitializeAsync(CancellationToken.None);

        _raw = new SqliteConnection(connectionString);
        await _raw.OpenAsync();
        using var setup = _raw.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; " +
            "CREATE TABLE raw_lines (execution_id TEXT NOT NULL, sequence INTEGER NOT NULL, time INTEGER NOT NULL, level INTEGER NOT NULL, " +
            "category INTEGER NULL, message TEXT NOT NULL, correlation_id TEXT NULL, PRIMARY KEY (execution_id, sequence))";
        await setup.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _raw.DisposeAsync();
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public async Task RawPreparedInsertsInOneTransaction()
    {
        var executionId = Guid.NewGuid().ToString();
        using var transaction = _raw.BeginTransaction();
        using var insert = _raw.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO raw_lines (execution_id, sequence, time, level, category, message, correlation_id) VALUES ($e, $s, $t, $l, NULL, $m, $c)";
        var e = insert.Parameters.Add("$e", SqliteType.Text);
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var t = insert.Parameters.Add("$t", SqliteType.Integer);
        var l = insert.Parameters.Add("$l", SqliteType.Integer);
        var m = insert.Parameters.Add("$m", SqliteType.Text);
        var c = insert.Parameters.Add("$c", SqliteType.Text);
        insert.Prepare();
        for (var i = 1; i <= Lines; i++)
        {
            e.Value = executionId;
            s.Value = i;
            t.Value = _entry.Time.UtcTicks;
            l.Value = (int)_entry.Level;
            m.Value = _entry.Message;
            c.Value = _entry.CorrelationId;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task SqliteStoreAppend()
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
