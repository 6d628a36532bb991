using BenchmarkDotNet.Attributes;
using Integration.Storage.PostgreSql;
using Npgsql;
using NpgsqlTypes;

namespace Integration.Benchmarks;

/// <summary>
/// What the line search indexes of schema version 5 cost an append on PostgreSQL, isolated from the store: the same
/// rows written by one binary COPY into a table with the log's key (baseline), then into one that also has the partial
/// correlation-id index, then into one that also has the GIN index of the messages' words (the store's expression).
/// Per line. Needs a PostgreSQL server, like <see cref="PostgreSqlAppendBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlSearchIndexBenchmarks
{
    private const int Lines = 1000;
    private const string Message = "Fetched page 3 of the sales (50 sales)";
    private static readonly DateTime Time = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private NpgsqlDataSource _data = null!;
    private string _schema = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _schema = "bench_" + Guid.NewGuid().ToString("N")[..8];
        _data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgreSqlAppendBenchmarks.ConnectionString) { SearchPath = _schema }.ConnectionString);
        const string Columns = "(execution_id uuid NOT NULL, sequence bigint NOT NULL, time timestamptz NOT NULL, message text NOT NULL, correlation_id text NULL, PRIMARY KEY (execution_id, sequence))";
        await using var create = _data.CreateCommand(
            $"CREATE SCHEMA {_schema}; CREATE TABLE {_schema}.plain {Columns}; CREATE TABLE {_schema}.correlated {Columns}; CREATE TABLE {_schema}.log_lines {Columns}; " +
            $"CREATE INDEX ON {_schema}.correlated (correlation_id, time, execution_id, sequence) WHERE correlation_id IS NOT NULL; " +
            $"CREATE INDEX ON {_schema}.log_lines (correlation_id, time, execution_id, sequence) WHERE correlation_id IS NOT NULL; " +
            $"CREATE INDEX ON {_schema}.log_lines USING gin ({PostgreSqlDialect.MessageWords});");
        await create.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await using (var drop = _data.CreateCommand($"DROP SCHEMA {_schema} CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _data.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public Task Plain() => CopyAsync("plain");

    [Benchmark(OperationsPerInvoke = Lines)]
    public Task WithCorrelationIndex() => CopyAsync("correlated");

    [Benchmark(OperationsPerInvoke = Lines)]
    public Task WithCorrelationAndWordIndexes() => CopyAsync("log_lines");

    private async Task CopyAsync(string table)
    {
        var executionId = Guid.NewGuid();
        await using var connection = await _data.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} (execution_id, sequence, time, message, correlation_id) FROM STDIN (FORMAT BINARY)");
        for (var i = 1; i <= Lines; i++)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(executionId, NpgsqlDbType.Uuid);
            await copy.WriteAsync((long)i, NpgsqlDbType.Bigint);
            await copy.WriteAsync(Time, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(Message, NpgsqlDbType.Text);
            await copy.WriteAsync("call-42", NpgsqlDbType.Text);
        }

        await copy.CompleteAsync();
    }
}
