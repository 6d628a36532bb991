using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// Group commit of log lines: appenders queue their line (a bounded <see cref="LogQueue"/>) and wait; one loop takes
/// the lines queued, writes them in one transaction and only then completes their tasks. Sequences come from each
/// execution's <c>last_sequence</c>, read and bumped in that transaction together with the execution's error counts
/// (and an OK → KO upgrade when error lines land on an execution that ended OK), so they stay gapless and ordered,
/// and the counts equal the error lines, even with several processes on one file. Lines for an abandoned execution
/// are not written: their append returns 0 (fencing). A batch that met a busy database is run again by
/// <see cref="SqliteDatabase.WriteAsync"/>.
/// </summary>
internal sealed class SqliteLogWriter : IAsyncDisposable
{
    private const int MaxBatch = 4096;
    private const long NotFound = -1;
    private const long Fenced = -2;

    private readonly SqliteDatabase _database;
    private readonly LogQueue _queue;
    private readonly Task _loop;
    private long _transactions;

    public SqliteLogWriter(SqliteDatabase database, int capacity = LogQueue.DefaultCapacity)
    {
        _database = database;
        _queue = new LogQueue(capacity, "SQLite");
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Gets how many transactions have committed lines so far.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Gets the queue, for tests that read its counters.</summary>
    internal LogQueue Queue => _queue;

    /// <summary>Gets or sets a test seam: awaited before each batch is written (to slow the writer down).</summary>
    internal Func<Task>? BeforeCommit { get; set; }

    public Task<long> AppendAsync(ExecutionId executionId, in LogEntry entry, CancellationToken cancellationToken)
        => _queue.AppendAsync(executionId, entry, cancellationToken);

    /// <summary>Stops taking lines; those still queued fail once the database is closed. <see cref="DisposeAsync"/> waits for them instead.</summary>
    public void Complete() => _queue.Complete();

    public async ValueTask DisposeAsync()
    {
        _queue.Complete();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var batch = new List<PendingLine>(MaxBatch);
        while (await _queue.WaitToReadAsync().ConfigureAwait(false))
        {
            _queue.TakeBatch(batch, MaxBatch);
            try
            {
                if (BeforeCommit is { } slow)
                {
                    await slow().ConfigureAwait(false);
                }

                var results = await _database.WriteAsync(connection => Commit(connection, batch), CancellationToken.None).ConfigureAwait(false);
                Interlocked.Increment(ref _transactions);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (results[i] >= 0)
                    {
                        batch[i].Done.TrySetResult(results[i]);
                    }
                    else
                    {
                        batch[i].Done.TrySetException(new ExecutionNotFoundException(batch[i].ExecutionId));
                    }
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    /// <summary>Writes the batch in one transaction; returns each line's sequence, 0 when fenced, -1 when its execution is unknown.</summary>
    private static long[] Commit(SqliteConnection connection, List<PendingLine> batch)
    {
        var results = new long[batch.Count];
        var shares = BatchShare.Of(batch);
        var last = new Dictionary<ExecutionId, long>(shares.Count);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var state = connection.CreateCommand();
        state.Transaction = transaction;
        state.CommandText = "SELECT status, last_sequence FROM executions WHERE id = $id";
        var stateId = state.Parameters.AddWithValue("$id", string.Empty);
        using var insert = SqliteRows.CreateLineInsert(connection, transaction);
        for (var i = 0; i < batch.Count; i++)
        {
            var id = batch[i].ExecutionId;
            if (!last.TryGetValue(id, out var sequence))
            {
                stateId.Value = id.ToString();
                using var reader = state.ExecuteReader();
                sequence = !reader.Read() ? NotFound : reader.GetInt32(0) == (int)ExecutionStatus.Abandoned ? Fenced : reader.GetInt64(1);
                last[id] = sequence;
            }

            if (sequence < 0)
            {
                results[i] = sequence == Fenced ? 0 : NotFound;
                continue;
            }

            last[id] = ++sequence;
            SqliteRows.BindLine(insert, id.ToString(), sequence, batch[i].Entry);
            insert.ExecuteNonQuery();
            results[i] = sequence;
        }

        // One statement per execution: its sequences, its error counts, and OK → KO when errors land after it ended OK.
        using var bump = connection.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText =
            "UPDATE executions SET last_sequence = $last, err_external = err_external + $e0, err_configuration = err_configuration + $e1, " +
            "err_mapping = err_mapping + $e2, err_technical = err_technical + $e3, err_cascade = err_cascade + $e4, " +
            "status = CASE WHEN status = " + (int)ExecutionStatus.OK + " AND $errors > 0 THEN " + (int)ExecutionStatus.KO + " ELSE status END, " +
            "reason = CASE WHEN status = " + (int)ExecutionStatus.OK + " AND $errors > 0 THEN " + (int)ExecutionReason.Error + " ELSE reason END WHERE id = $id";
        var bumpLast = bump.Parameters.AddWithValue("$last", 0L);
        var bumpErrors = new[]
        {
            bump.Parameters.AddWithValue("$e0", 0), bump.Parameters.AddWithValue("$e1", 0), bump.Parameters.AddWithValue("$e2", 0),
            bump.Parameters.AddWithValue("$e3", 0), bump.Parameters.AddWithValue("$e4", 0),
        };
        var bumpTotal = bump.Parameters.AddWithValue("$errors", 0);
        var bumpId = bump.Parameters.AddWithValue("$id", string.Empty);
        foreach (var (id, sequence) in last)
        {
            if (sequence > 0)
            {
                var errors = shares[id].Errors;
                bumpLast.Value = sequence;
                bumpErrors[0].Value = errors.External;
                bumpErrors[1].Value = errors.Configuration;
                bumpErrors[2].Value = errors.Mapping;
                bumpErrors[3].Value = errors.Technical;
                bumpErrors[4].Value = errors.Cascade;
                bumpTotal.Value = errors.Total;
                bumpId.Value = id.ToString();
                bump.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return results;
    }
}
