namespace Integration.Storage.PostgreSql;

/// <summary>
/// The <see cref="IExecutionStore"/> for several nodes sharing one PostgreSQL database. Unique keys are a unique
/// constraint used through <c>INSERT … ON CONFLICT DO NOTHING</c> and a re-read, so no caller ever sees a unique
/// violation, and a retried insert whose first attempt committed finds its own row; leases and the abandon sweep use
/// the database's clock (<c>now()</c>), never a node's; log lines are group-committed through binary COPY by
/// <see cref="PostgreSqlLogWriter"/>, which keeps the error counts with the lines. The statements are the shared ones
/// (<see cref="ExecutionSql"/>).
/// </summary>
internal sealed class PostgreSqlExecutionStore(string connectionString, TimeProvider time, int queueCapacity = LogQueue.DefaultCapacity)
    : SqlExecutionStore<PostgreSqlDatabase, PostgreSqlLogWriter>(new ExecutionSql(PostgreSqlDialect.Instance, time), new PostgreSqlDatabase(connectionString, time), database => new PostgreSqlLogWriter(database, time, queueCapacity))
{
    public override async ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var inserted = await Database.ExecuteAsync(Sql.Insert(execution), cancellationToken, Database.Faults.AfterInsert).ConfigureAwait(false);
        if (inserted == 1)
        {
            return new ExecutionCreation(execution, Created: true);
        }

        // A retried insert whose first attempt did commit (only its acknowledgement was lost) finds its own row.
        if (execution.UniqueKey is { } key && await FindByUniqueKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } holder)
        {
            return new ExecutionCreation(holder, Created: holder.Id == execution.Id);
        }

        return await GetAsync(execution.Id, cancellationToken).ConfigureAwait(false) is { } existing && IsSameCreation(existing, execution)
            ? new ExecutionCreation(execution, Created: true)
            : throw new ArgumentException($"Execution {execution.Id} already exists.", nameof(execution));
    }

    public override async ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var purge = new SqlStatement(
            "WITH batch AS (SELECT id FROM executions WHERE status <> " + ExecutionSql.Running + " AND ended_at < @cutoff ORDER BY ended_at LIMIT @n FOR UPDATE SKIP LOCKED), " +
            "lines AS (DELETE FROM log_lines WHERE execution_id IN (SELECT id FROM batch)), " +
            "actions AS (DELETE FROM execution_actions WHERE execution_id IN (SELECT id FROM batch)) " +
            "DELETE FROM executions WHERE id IN (SELECT id FROM batch)");
        return await Database.ExecuteAsync(purge.With("cutoff", endedBefore).With("n", batchSize), cancellationToken).ConfigureAwait(false);
    }

    // A retried insert is recognised by its id and identity; the times are compared to the microsecond PostgreSQL keeps.
    private static bool IsSameCreation(Execution stored, Execution created)
        => stored.Id == created.Id && stored.InterfaceId == created.InterfaceId && stored.ScheduleId == created.ScheduleId && stored.Kind == created.Kind
        && stored.Trigger == created.Trigger && stored.RerunOf == created.RerunOf && stored.UniqueKey == created.UniqueKey && stored.NodeId == created.NodeId
        && Microseconds(stored.StartedAt) == Microseconds(created.StartedAt) && Microseconds(stored.Window.From) == Microseconds(created.Window.From)
        && Microseconds(stored.Window.To) == Microseconds(created.Window.To);

    private static long Microseconds(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerMicrosecond;
}
