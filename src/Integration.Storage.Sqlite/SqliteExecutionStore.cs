using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// The durable embedded <see cref="IExecutionStore"/>: one SQLite file. Unique keys are a unique constraint
/// (<c>INSERT … ON CONFLICT DO NOTHING</c>, then a re-read); log lines are group-committed by
/// <see cref="SqliteLogWriter"/>, which keeps the error counts with the lines; leases are read from the injected
/// <see cref="TimeProvider"/>. The statements are the shared ones (<see cref="ExecutionSql"/>).
/// </summary>
internal sealed class SqliteExecutionStore(string connectionString, TimeProvider time, int queueCapacity = LogQueue.DefaultCapacity)
    : SqlExecutionStore<SqliteDatabase, SqliteLogWriter>(new ExecutionSql(SqliteDialect.Instance, time), new SqliteDatabase(connectionString, time), database => new SqliteLogWriter(database, time, queueCapacity))
{
    public override async ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        int inserted;
        try
        {
            inserted = await Database.ExecuteAsync(Sql.Insert(execution), cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ArgumentException($"Execution {execution.Id} already exists.", nameof(execution), e);
        }

        if (inserted == 1)
        {
            return new ExecutionCreation(execution, Created: true);
        }

        var holder = await FindByUniqueKeyAsync(execution.UniqueKey!, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"SQLite execution store: unique key '{execution.UniqueKey}' is taken, yet no execution holds it.");
        return new ExecutionCreation(holder, Created: false);
    }

    public override async ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return await Database.WriteAsync(c =>
        {
            using var transaction = c.BeginTransaction(deferred: false);
            using var purge = c.CreateCommand();
            purge.Transaction = transaction;
            purge.CommandText =
                "CREATE TEMP TABLE IF NOT EXISTS purge_batch (id TEXT PRIMARY KEY); DELETE FROM purge_batch; " +
                "INSERT INTO purge_batch SELECT id FROM executions WHERE status <> " + ExecutionSql.Running + " AND ended_at < $cutoff ORDER BY ended_at LIMIT $n; " +
                "DELETE FROM log_search WHERE rowid IN (SELECT (e.search_key << 32) | l.sequence FROM purge_batch b JOIN executions e ON e.id = b.id " +
                "JOIN log_lines l ON l.execution_id = b.id AND l.sequence <= e.indexed_sequence); " +
                "DELETE FROM log_lines WHERE execution_id IN (SELECT id FROM purge_batch); " +
                "DELETE FROM execution_actions WHERE execution_id IN (SELECT id FROM purge_batch); " +
                "DELETE FROM executions WHERE id IN (SELECT id FROM purge_batch); SELECT count(*) FROM purge_batch;";
            purge.Parameters.AddWithValue("$cutoff", endedBefore.UtcTicks);
            purge.Parameters.AddWithValue("$n", batchSize);
            var purged = Convert.ToInt32(purge.ExecuteScalar(), CultureInfo.InvariantCulture);
            transaction.Commit();
            return purged;
        }, cancellationToken).ConfigureAwait(false);
    }
}
