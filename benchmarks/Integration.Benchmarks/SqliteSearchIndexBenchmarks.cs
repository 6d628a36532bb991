using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace Integration.Benchmarks;

/// <summary>
/// What the line search indexes of schema version 5 cost an append, isolated from the store: the same rows inserted
/// with one prepared command in one transaction into a table with the log's key (baseline), then also into the
/// partial correlation-id index, then also into the contentless FTS5 word index (what the store's writer does per
/// line), in the same database file (WAL, synchronous = FULL). Per line.
/// </summary>
[MemoryDiagnoser]
public class SqliteSearchIndexBenchmarks
{
    private const int Lines = 1000;
    private const string Message = "Fetched page 3 of the sales (50 sales)";
    private string _folder = null!;
    private SqliteConnection _connection = null!;
    private long _executions;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("integration-bench-search-").FullName;
        _connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "search.db")}");
        await _connection.OpenAsync();
        using var setup = _connection.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; " +
            "CREATE TABLE plain (execution_id TEXT NOT NULL, sequence INTEGER NOT NULL, time INTEGER NOT NULL, message TEXT NOT NULL, correlation_id TEXT NULL, PRIMARY KEY (execution_id, sequence)) WITHOUT ROWID; " +
            "CREATE TABLE correlated (execution_id TEXT NOT NULL, sequence INTEGER NOT NULL, time INTEGER NOT NULL, message TEXT NOT NULL, correlation_id TEXT NULL, PRIMARY KEY (execution_id, sequence)) WITHOUT ROWID; " +
            "CREATE INDEX ix_correlated ON correlated (correlation_id, time, execution_id, sequence) WHERE correlation_id IS NOT NULL; " +
            "CREATE TABLE worded (execution_id TEXT NOT NULL, sequence INTEGER NOT NULL, time INTEGER NOT NULL, message TEXT NOT NULL, correlation_id TEXT NULL, PRIMARY KEY (execution_id, sequence)) WITHOUT ROWID; " +
            "CREATE INDEX ix_worded ON worded (correlation_id, time, execution_id, sequence) WHERE correlation_id IS NOT NULL; " +
            "CREATE VIRTUAL TABLE worded_search USING fts5(message, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0');";
        await setup.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public Task Plain() => InsertAsync("plain", words: false);

    [Benchmark(OperationsPerInvoke = Lines)]
    public Task WithCorrelationIndex() => InsertAsync("correlated", words: false);

    [Benchmark(OperationsPerInvoke = Lines)]
    public Task WithCorrelationAndWordIndexes() => InsertAsync("worded", words: true);

    private async Task InsertAsync(string table, bool words)
    {
        var key = ++_executions;
        var executionId = Guid.NewGuid().ToString();
        using var transaction = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} (execution_id, sequence, time, message, correlation_id) VALUES ($e, $s, $t, $m, $c)";
        var e = insert.Parameters.Add("$e", SqliteType.Text);
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var t = insert.Parameters.Add("$t", SqliteType.Integer);
        var m = insert.Parameters.Add("$m", SqliteType.Text);
        var c = insert.Parameters.Add("$c", SqliteType.Text);
        using var index = _connection.CreateCommand();
        index.Transaction = transaction;
        index.CommandText = "INSERT INTO worded_search (rowid, message) VALUES ($r, $m)";
        var r = index.Parameters.Add("$r", SqliteType.Integer);
        var im = index.Parameters.Add("$m", SqliteType.Text);
        for (var i = 1; i <= Lines; i++)
        {
            e.Value = executionId;
            s.Value = i;
            t.Value = i;
            m.Value = Message;
            c.Value = "call-42";
            await insert.ExecuteNonQueryAsync();
            if (words)
            {
                r.Value = (key << 32) | (long)i;
                im.Value = Message;
                await index.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }
}
