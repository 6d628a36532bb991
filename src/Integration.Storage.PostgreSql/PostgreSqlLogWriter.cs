using Npgsql;

namespace Integration.Storage.PostgreSql;

/// <summary>
/// Group commit of log lines through binary COPY: appenders queue their line (a bounded <see cref="LogQueue"/>) and
/// wait; one loop takes the lines queued and, in one transaction, reserves each execution's next sequences (an
/// <c>UPDATE … RETURNING</c> that locks the execution's row, in id order so nodes never deadlock, and adds the batch's
/// error lines to its counts, turning an execution that ended OK into KO when errors land after it ended), records the
/// batch under an id chosen here (<c>log_batches</c>), copies the lines, commits, and only then completes their tasks.
/// The reservation skips abandoned executions, so a fenced node's lines are not written (their append returns 0).
/// Transient failures are retried by the database's pipeline; a retry of a batch whose COMMIT went through although
/// its acknowledgement was lost finds the batch's id taken, writes nothing, and returns the sequences recorded then.
/// </summary>
internal sealed class PostgreSqlLogWriter : SqlLogWriter
{
    // A batch's retries end within seconds; its id is kept far longer, and purged by every node now and then.
    private const string PurgeBatchIds = "DELETE FROM log_batches WHERE created_at < now() - interval '1 hour'";
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(10);

    // Reserves an execution's next sequences (locking its row), adds the batch's errors, and skips abandoned executions.
    private static readonly string Reserve = ExecutionSql.AddBatch(PostgreSqlDialect.Instance, "last_sequence + @lines", " AND status <> " + ExecutionSql.Stored(ExecutionStatus.Abandoned) + " RETURNING id, last_sequence");

    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _time;
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    public PostgreSqlLogWriter(PostgreSqlDatabase database, TimeProvider time, int capacity = LogQueue.DefaultCapacity)
        : base(capacity, "PostgreSQL")
    {
        _database = database;
        _time = time;
    }

    // One id for every attempt of this batch: how a retry recognises that an earlier attempt committed.
    protected override async Task<long[]> CommitAsync(List<PendingLine> batch)
    {
        var state = (Database: _database, Id: Guid.NewGuid(), Batch: batch);
        return await _database.Retry.ExecuteAsync(static async (s, ct) => await CommitAsync(s.Database, s.Id, s.Batch, ct).ConfigureAwait(false), state, CancellationToken.None).ConfigureAwait(false);
    }

    protected override Task AfterBatchAsync() => PurgeBatchIdsWhenDueAsync();

    /// <summary>Writes the batch in one transaction; returns each line's sequence, 0 when fenced, -1 when its execution is unknown.</summary>
    private static async Task<long[]> CommitAsync(PostgreSqlDatabase database, Guid batchId, List<PendingLine> batch, CancellationToken cancellationToken)
    {
        var shares = BatchShare.Of(batch);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var (first, recorded) = await ReserveAsync(connection, batchId, shares, cancellationToken).ConfigureAwait(false);
            if (!recorded)
            {
                // An earlier attempt of this batch committed, and only its acknowledgement was lost: write nothing again.
                var committed = await ReadCommittedAsync(connection, batchId, shares, cancellationToken).ConfigureAwait(false);
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return Sequences(batch, committed);
            }

            var results = Sequences(batch, first);
            await using (var copy = await connection.BeginBinaryImportAsync(PostgreSqlRows.CopyLines, cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    if (results[i] > 0)
                    {
                        await PostgreSqlRows.WriteLineAsync(copy, batch[i].ExecutionId.Value, results[i], batch[i].Entry, cancellationToken).ConfigureAwait(false);
                    }
                }

                await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            database.Faults.AfterLogCommit();
            return results;
        }
    }

    /// <summary>Gives each line its sequence from its execution's first reserved one: 0 when fenced, -1 when unknown.</summary>
    private static long[] Sequences(List<PendingLine> batch, Dictionary<ExecutionId, long> first)
    {
        var results = new long[batch.Count];
        var next = new Dictionary<ExecutionId, long>(first);
        for (var i = 0; i < batch.Count; i++)
        {
            var id = batch[i].ExecutionId;
            if (!next.TryGetValue(id, out var sequence))
            {
                results[i] = -1;
            }
            else if (sequence > 0)
            {
                results[i] = sequence;
                next[id] = sequence + 1;
            }
        }

        return results;
    }

    /// <summary>
    /// Reserves each execution's sequences and adds its errors, then records the batch's id with the reservations, all
    /// in one round trip. Gives each execution its first reserved sequence (0 when abandoned, nothing when unknown), and
    /// whether the id was recorded now (false: an earlier attempt of this batch committed; the caller rolls back).
    /// </summary>
    private static async Task<(Dictionary<ExecutionId, long> First, bool Recorded)> ReserveAsync(NpgsqlConnection connection, Guid batchId, SortedDictionary<ExecutionId, BatchShare> shares, CancellationToken cancellationToken)
    {
        var first = new Dictionary<ExecutionId, long>(shares.Count);
        var recorded = false;
        await using (var reserve = new NpgsqlBatch(connection))
        {
            foreach (var (id, share) in shares)
            {
                var command = new NpgsqlBatchCommand(Reserve);
                command.Parameters.Add(new NpgsqlParameter<Guid>("id", id.Value));
                command.Parameters.Add(new NpgsqlParameter<long>("lines", share.Lines));
                command.Parameters.Add(new NpgsqlParameter<int>("e0", share.Errors.External));
                command.Parameters.Add(new NpgsqlParameter<int>("e1", share.Errors.Configuration));
                command.Parameters.Add(new NpgsqlParameter<int>("e2", share.Errors.Mapping));
                command.Parameters.Add(new NpgsqlParameter<int>("e3", share.Errors.Technical));
                command.Parameters.Add(new NpgsqlParameter<int>("e4", share.Errors.Cascade));
                command.Parameters.Add(new NpgsqlParameter<int>("errors", share.Errors.Total));
                reserve.BatchCommands.Add(command);
            }

            // The rows reserved above are locked by this transaction: their last_sequence is this batch's, and stays so.
            var record = new NpgsqlBatchCommand(
                "INSERT INTO log_batches (id, execution_ids, last_sequences) SELECT $1, coalesce(array_agg(id ORDER BY id), '{}'), " +
                "coalesce(array_agg(last_sequence ORDER BY id), '{}') FROM executions WHERE id = ANY($2) AND status <> " + ExecutionSql.Stored(ExecutionStatus.Abandoned) + " ON CONFLICT (id) DO NOTHING RETURNING id");
            record.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
            record.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = shares.Keys.Select(id => id.Value).ToArray() });
            reserve.BatchCommands.Add(record);

            await using var reader = await reserve.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            for (var statement = 0; statement < reserve.BatchCommands.Count; statement++)
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (statement < shares.Count)
                    {
                        var id = new ExecutionId(reader.GetGuid(0));
                        first[id] = reader.GetInt64(1) - shares[id].Lines + 1;
                    }
                    else
                    {
                        recorded = true;
                    }
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await AddFencedAsync(connection, first, shares, cancellationToken).ConfigureAwait(false);
        return (first, recorded);
    }

    /// <summary>Reads the reservations an earlier, committed attempt of this batch recorded.</summary>
    private static async Task<Dictionary<ExecutionId, long>> ReadCommittedAsync(NpgsqlConnection connection, Guid batchId, SortedDictionary<ExecutionId, BatchShare> shares, CancellationToken cancellationToken)
    {
        var first = new Dictionary<ExecutionId, long>(shares.Count);
        await using (var read = new NpgsqlCommand("SELECT execution_ids, last_sequences FROM log_batches WHERE id = $1", connection))
        {
            read.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"PostgreSQL execution store: log batch {batchId} was committed, yet it is not recorded.");
            }

            var ids = reader.GetFieldValue<Guid[]>(0);
            var last = reader.GetFieldValue<long[]>(1);
            for (var i = 0; i < ids.Length; i++)
            {
                var id = new ExecutionId(ids[i]);
                first[id] = last[i] - shares[id].Lines + 1;
            }
        }

        await AddFencedAsync(connection, first, shares, cancellationToken).ConfigureAwait(false);
        return first;
    }

    /// <summary>Rare: tells the abandoned executions (fenced: 0) from the unknown ones, which stay out.</summary>
    private static async Task AddFencedAsync(NpgsqlConnection connection, Dictionary<ExecutionId, long> first, SortedDictionary<ExecutionId, BatchShare> shares, CancellationToken cancellationToken)
    {
        if (first.Count == shares.Count)
        {
            return;
        }

        await using var known = new NpgsqlCommand("SELECT id FROM executions WHERE id = ANY($1)", connection);
        known.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = shares.Keys.Where(id => !first.ContainsKey(id)).Select(id => id.Value).ToArray() });
        await using var reader = await known.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            first[new ExecutionId(reader.GetGuid(0))] = 0;
        }
    }

    private async Task PurgeBatchIdsWhenDueAsync()
    {
        var now = _time.GetUtcNow();
        if (now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + PurgeInterval;
        try
        {
            var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await using var purge = new NpgsqlCommand(PurgeBatchIds, connection);
                await purge.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Housekeeping only: the next purge, in ten minutes, deletes what this one left.
        }
    }
}
