using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// SQLite's commit of a log batch, through prepared inserts (<see cref="SqliteLineInsert"/>): sequences come from each
/// execution's <c>last_sequence</c>, read and bumped in the batch's transaction together with the execution's error
/// counts (and an OK → KO upgrade when error lines land on an execution that ended OK), so they stay gapless and
/// ordered, and the counts equal the error lines, even with several processes on one file. Lines for an abandoned
/// execution are not written (fencing). A batch that met a busy database is run again by
/// <see cref="SqliteDatabase.WriteAsync"/>.
/// </summary>
/// <remarks>
/// The lines' words (<see cref="SqliteWordIndex"/>) are not indexed with the lines themselves: each batch's transaction
/// first indexes the lines of the batches before it (one more <c>fsync</c> saved per batch), and when the queue stays
/// empty for <see cref="IdleDelay"/> the writer indexes what is left in a transaction of its own. An indexing that
/// fails is rolled back to its savepoint and leaves the batch to commit; its lines stay above their mark, where the
/// search reads them directly, until a later batch or the next start indexes them. A burst still being queued when the
/// writer wakes is waited for (spinning, at most <see cref="BurstWait"/>, only while the queue keeps growing), so one
/// transaction commits it rather than two.
/// </remarks>
internal sealed class SqliteLogWriter(SqliteDatabase database, TimeProvider time, int capacity = LogQueue.DefaultCapacity) : SqlLogWriter(capacity, "SQLite")
{
    /// <summary>How long the queue stays empty before the writer indexes the words behind in a transaction of their own.</summary>
    public static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest the writer waits for a burst that is still being queued before it commits.</summary>
    public static readonly TimeSpan BurstWait = TimeSpan.FromMicroseconds(200);

    private const long NotFound = -1;
    private const long Fenced = -2;
    private static readonly string AddBatch = ExecutionSql.AddBatch(SqliteDialect.Instance, "$last", string.Empty);

    // Lines this writer committed whose words may not be indexed yet (only the writer loop touches it).
    private long _unindexed;
    private long _indexings;

    /// <summary>Gets how many transactions have indexed words so far (a batch's, or one of their own).</summary>
    public long Indexings => Interlocked.Read(ref _indexings);

    /// <summary>Gets or sets a test seam: awaited before each indexing of words (throwing from it skips that indexing, as a failure would).</summary>
    internal Func<Task>? BeforeIndex { get; set; }

    protected override async Task<long[]> CommitAsync(List<PendingLine> batch)
    {
        AwaitBurst(batch);
        var indexBehind = _unindexed > 0 && await MayIndexAsync().ConfigureAwait(false);
        var (results, indexed) = await database.WriteAsync(connection => Commit(connection, batch, indexBehind), CancellationToken.None).ConfigureAwait(false);
        if (indexed)
        {
            _unindexed = 0;
            Interlocked.Increment(ref _indexings);
        }

        foreach (var result in results)
        {
            _unindexed += result > 0 ? 1 : 0;
        }

        return results;
    }

    protected override async Task AfterBatchAsync()
    {
        if (_unindexed == 0 || Queue.Count > 0)
        {
            return;
        }

        // More lines soon: their batch indexes these words in its own transaction. None for a moment (or the writer is
        // closing): index them now, alone.
        using (var idle = new CancellationTokenSource())
        {
            var more = Queue.WaitToReadAsync().AsTask();
            var quiet = Task.Delay(IdleDelay, time, idle.Token);
            var first = await Task.WhenAny(more, quiet).ConfigureAwait(false);
            await idle.CancelAsync().ConfigureAwait(false);
            if (first == more && await more.ConfigureAwait(false))
            {
                return;
            }
        }

        if (!await MayIndexAsync().ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await database.WriteAsync(SqliteWordIndex.IndexBehind, CancellationToken.None).ConfigureAwait(false);
            _unindexed = 0;
            Interlocked.Increment(ref _indexings);
        }
#pragma warning disable CA1031 // The lines are committed and found above their mark: a later batch, or the next start, indexes them.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task<bool> MayIndexAsync()
    {
        if (BeforeIndex is not { } before)
        {
            return true;
        }

        try
        {
            await before().ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // The test seam stands for an indexing that failed.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    // The writer woke on the first lines of a burst while the rest is still being queued: spin while the queue keeps
    // growing (a few microseconds), then take what came, so the burst commits in one transaction. A lone line does not wait.
    private void AwaitBurst(List<PendingLine> batch)
    {
        var queued = Queue.Count;
        if (queued == 0 || batch.Count >= MaxBatch)
        {
            return;
        }

        var started = time.GetTimestamp();
        for (var round = 0; round < 64 && batch.Count + queued < MaxBatch && time.GetElapsedTime(started) < BurstWait; round++)
        {
            Thread.SpinWait(64);
            var now = Queue.Count;
            if (now == queued)
            {
                break;
            }

            queued = now;
        }

        Queue.TakeBatch(batch, MaxBatch);
    }

    private static (long[] Results, bool Indexed) Commit(SqliteConnection connection, List<PendingLine> batch, bool indexBehind)
    {
        var results = new long[batch.Count];
        var shares = BatchShare.Of(batch);
        var executions = new Dictionary<ExecutionId, Written>(shares.Count);
        using var transaction = connection.BeginTransaction(deferred: false);
        var indexed = indexBehind && IndexBehind(connection, transaction);
        using var state = connection.CreateCommand();
        state.Transaction = transaction;
        state.CommandText = "SELECT status, last_sequence FROM executions WHERE id = $id";
        var stateId = state.Parameters.AddWithValue("$id", string.Empty);
        using var insert = new SqliteLineInsert(connection);
        for (var i = 0; i < batch.Count; i++)
        {
            var id = batch[i].ExecutionId;
            if (!executions.TryGetValue(id, out var written))
            {
                var stored = id.ToString();
                stateId.Value = stored;
                using var reader = state.ExecuteReader();
                written = !reader.Read() ? new Written(stored, NotFound)
                    : reader.GetInt32(0) == (int)ExecutionStatus.Abandoned ? new Written(stored, Fenced)
                    : new Written(stored, reader.GetInt64(1));
                executions[id] = written;
            }

            if (written.Last < 0)
            {
                results[i] = written.Last == Fenced ? 0 : NotFound;
                continue;
            }

            insert.Insert(written.Stored, ++written.Last, batch[i].Entry);
            results[i] = written.Last;
        }

        // One statement per execution for its sequences, its error counts, and OK → KO when errors land after it ended OK.
        using var bump = connection.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText = AddBatch;
        var bumpLast = bump.Parameters.AddWithValue("$last", 0L);
        var bumpErrors = new[]
        {
            bump.Parameters.AddWithValue("$e0", 0), bump.Parameters.AddWithValue("$e1", 0), bump.Parameters.AddWithValue("$e2", 0),
            bump.Parameters.AddWithValue("$e3", 0), bump.Parameters.AddWithValue("$e4", 0),
        };
        var bumpTotal = bump.Parameters.AddWithValue("$errors", 0);
        var bumpId = bump.Parameters.AddWithValue("$id", string.Empty);
        foreach (var (id, written) in executions)
        {
            if (written.Last <= written.Before)
            {
                continue;
            }

            var errors = shares[id].Errors;
            bumpLast.Value = written.Last;
            bumpErrors[0].Value = errors.External;
            bumpErrors[1].Value = errors.Configuration;
            bumpErrors[2].Value = errors.Mapping;
            bumpErrors[3].Value = errors.Technical;
            bumpErrors[4].Value = errors.Cascade;
            bumpTotal.Value = errors.Total;
            bumpId.Value = written.Stored;
            bump.ExecuteNonQuery();
        }

        transaction.Commit();
        return (results, indexed);
    }

    // The words of the lines committed before this batch, under a savepoint: an indexing that fails leaves the batch to commit.
    private static bool IndexBehind(SqliteConnection connection, SqliteTransaction transaction)
    {
        transaction.Save("words");
        try
        {
            SqliteWordIndex.IndexBehind(connection, transaction);
            transaction.Release("words");
            return true;
        }
        catch (SqliteException e) when (!SqliteDatabase.IsBusy(e))
        {
            transaction.Rollback("words");
            transaction.Release("words");
            return false;
        }
    }

    /// <summary>An execution's part of the batch: its id as stored, its last sequence before the batch and now (or why it gets no lines).</summary>
    private sealed class Written(string stored, long last)
    {
        public string Stored { get; } = stored;

        public long Before { get; } = last;

        public long Last { get; set; } = last;
    }
}
