using BenchmarkDotNet.Attributes;
using Integration.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Integration.Benchmarks;

/// <summary>
/// Appending <see cref="Lines"/> lines to an execution of the SQLite store, all appenders at once (so the single
/// writer groups them into shared transactions), against two raw baselines that insert the same rows with one prepared
/// Microsoft.Data.Sqlite command in one transaction, in the same database file (WAL, synchronous = FULL, as the store
/// uses): into a table with the log's key and no other index (the budget's baseline), and into the store's own schema
/// (its <c>log_lines</c> table with the correlation-id index, plus the line's words in <c>log_search</c>, FTS5), which
/// is the work the store did per line up to schema version 9 (since version 10, a burst's words are indexed by the next
/// batch's transaction, or when the writer is idle: see <see cref="SqliteStoreAppendThenWordsIndexed"/>). The
/// execution is created once, before the measurements: what is timed is appending lines. Per line.
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
    private ExecutionId _execution;
    private long _rawExecutions;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("integration-bench-sqlite-").FullName;
        var connectionString = $"Data Source={Path.Combine(_folder, "store.db")}";
        _store = new SqliteExecutionStore(connectionString, TimeProvider.System);
        await _store.InitializeAsync(CancellationToken.None);
        _execution = ExecutionId.New(Time);
        await _store.CreateAsync(new Execution { Id = _execution, InterfaceId = "sales", ScheduleId = "sales", StartedAt = Time, NodeId = "bench" });

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
    public Task RawPreparedInsertsInOneTransaction() => RawInsertsAsync("raw_lines", words: false);

    [Benchmark(OperationsPerInvoke = Lines)]
    public Task RawPreparedInsertsIntoTheStoreSchema() => RawInsertsAsync("log_lines", words: true);

    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task SqliteStoreAppend()
    {
        var appends = new Task<long>[Lines];
        for (var i = 0; i < Lines; i++)
        {
            appends[i] = _store.AppendAsync(_execution, _entry).AsTask();
        }

        await Task.WhenAll(appends);
    }

    /// <summary>
    /// The same appends, then the words of every line indexed (<c>log_search</c>): since schema version 10 the writer
    /// indexes a batch's words in the next batch's transaction, or alone once its queue stayed empty; this waits for
    /// that work as well (it indexes what the writer has not yet, on the writer's connection, in a transaction of its
    /// own), so it is the store's whole cost per line for one burst, to compare with the raw inserts into the store's schema.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task SqliteStoreAppendThenWordsIndexed()
    {
        await SqliteStoreAppend();
        await _store.Database.WriteAsync(SqliteWordIndex.IndexBehind, CancellationToken.None);
    }

    private async Task RawInsertsAsync(string table, bool words)
    {
        // The store's search keys count up from 1; these stay far above them, so the rows never meet the store's.
        var searchKey = (1L << 30) + ++_rawExecutions;
        var executionId = Guid.NewGuid().ToString();
        using var transaction = _raw.BeginTransaction();
        using var insert = _raw.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} (execution_id, sequence, time, level, category, message, correlation_id) VALUES ($e, $s, $t, $l, NULL, $m, $c)";
        var e = insert.Parameters.Add("$e", SqliteType.Text);
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var t = insert.Parameters.Add("$t", SqliteType.Integer);
        var l = insert.Parameters.Add("$l", SqliteType.Integer);
        var m = insert.Parameters.Add("$m", SqliteType.Text);
        var c = insert.Parameters.Add("$c", SqliteType.Text);
        insert.Prepare();
        using var index = _raw.CreateCommand();
        index.Transaction = transaction;
        index.CommandText = "INSERT INTO log_search (rowid, message) VALUES ($r, $m)";
        var r = index.Parameters.Add("$r", SqliteType.Integer);
        var w = index.Parameters.Add("$m", SqliteType.Text);
        for (var i = 1; i <= Lines; i++)
        {
            e.Value = executionId;
            s.Value = i;
            t.Value = _entry.Time.UtcTicks;
            l.Value = (int)_entry.Level;
            m.Value = _entry.Message;
            c.Value = _entry.CorrelationId;
            await insert.ExecuteNonQueryAsync();
            if (words)
            {
                r.Value = (searchKey << 32) | (long)i;
                w.Value = _entry.Message;
                await index.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }
}
