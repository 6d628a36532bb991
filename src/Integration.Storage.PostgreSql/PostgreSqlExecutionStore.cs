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
        if (execution.UniqueKey is { } key)
        {
            // One statement: the insert and, when the key is taken, the execution holding it (another node's, or this one's
            // when a retried insert's first attempt did commit and only its acknowledgement was lost).
            var outcome = await Database.WriteOneAsync(InsertOrReadHolder(execution), ReadInsertOutcome, Database.Faults.AfterInsert, cancellationToken).ConfigureAwait(false);
            if (outcome is { Inserted: true })
            {
                return new ExecutionCreation(execution, Created: true);
            }

            // A holder that committed while the insert waited for it is not in the statement's snapshot: read it now.
            if ((outcome?.Holder ?? await FindByUniqueKeyAsync(key, cancellationToken).ConfigureAwait(false)) is { } holder)
            {
                return new ExecutionCreation(holder, Created: holder.Id == execution.Id);
            }
        }
        else if (await Database.ExecuteAsync(Sql.Insert(execution), cancellationToken, Database.Faults.AfterInsert).ConfigureAwait(false) == 1)
        {
            return new ExecutionCreation(execution, Created: true);
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

    /// <summary>
    /// Inserts the execution, and gives one row: whether it was inserted (last column) and, when it was not, the execution
    /// holding its unique key (null columns when this statement's snapshot does not see it: it committed meanwhile).
    /// </summary>
    private SqlStatement InsertOrReadHolder(Execution execution)
    {
        var insert = Sql.Insert(execution);
        var statement = new SqlStatement(
            $"WITH inserted AS ({insert.Text} RETURNING 1) SELECT {ExecutionSql.ReadColumns}, (SELECT count(*) FROM inserted) " +
            "FROM (VALUES (1)) AS one (x) LEFT JOIN executions ON executions.unique_key = @unique_key AND NOT EXISTS (SELECT 1 FROM inserted)");
        statement.Arguments.AddRange(insert.Arguments);
        return statement;
    }

    private static readonly int ReadColumnCount = ExecutionSql.ReadColumns.Split(", ").Length;

    private InsertOutcome ReadInsertOutcome(System.Data.Common.DbDataReader reader)
        => new(reader.GetInt64(ReadColumnCount) == 1, reader.IsDBNull(0) ? null : ReadExecution(reader));

    // A retried insert is recognised by its id and identity; the times are compared to the microsecond PostgreSQL keeps.
    private static bool IsSameCreation(Execution stored, Execution created)
        => stored.Id == created.Id && stored.InterfaceId == created.InterfaceId && stored.ScheduleId == created.ScheduleId && stored.Kind == created.Kind
        && stored.Trigger == created.Trigger && stored.RerunOf == created.RerunOf && stored.UniqueKey == created.UniqueKey && stored.NodeId == created.NodeId
        && Microseconds(stored.StartedAt) == Microseconds(created.StartedAt) && Microseconds(stored.Window.From) == Microseconds(created.Window.From)
        && Microseconds(stored.Window.To) == Microseconds(created.Window.To);

    private static long Microseconds(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerMicrosecond;

    /// <summary>What an insert under a unique key did: inserted the execution, or found the holder of its key (when visible).</summary>
    private sealed record InsertOutcome(bool Inserted, Execution? Holder);
}
