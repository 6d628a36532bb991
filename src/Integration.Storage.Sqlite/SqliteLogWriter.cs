using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// SQLite's commit of a log batch, through prepared inserts (<see cref="SqliteLineInsert"/>): sequences come from each
/// execution's <c>last_sequence</c>, read and bumped in the batch's transaction together with the execution's error
/// counts (and an OK → KO upgrade when error lines land on an execution that ended OK), so they stay gapless and
/// ordered, and the counts equal the error lines, even with several processes on one file. Lines for an abandoned
/// execution are not written (fencing). A batch that met a busy database is run again by
/// <see cref="SqliteDatabase.WriteAsync"/>. The lines' words are not part of the batch: they are indexed afterwards
/// (<see cref="SqliteWordIndex"/>), in a transaction of their own, once the queue is empty or after
/// <see cref="IndexAfter"/> lines, whichever comes first, so a burst of appends pays for its rows only.
/// </summary>
internal sealed class SqliteLogWriter(SqliteDatabase database, int capacity = LogQueue.DefaultCapacity) : SqlLogWriter(capacity, "SQLite")
{
    /// <summary>How many committed lines may wait for their words while appends keep the queue busy.</summary>
    public const int IndexAfter = 4 * MaxBatch;

    private const long NotFound = -1;
    private const long Fenced = -2;
    private static readonly string AddBatch = ExecutionSql.AddBatch(SqliteDialect.Instance, "$last", string.Empty);

    // Lines this writer committed since it last indexed (only the writer loop touches it).
    private long _unindexed;
    private long _indexings;

    /// <summary>Gets how many transactions have indexed words so far.</summary>
    public long Indexings => Interlocked.Read(ref _indexings);

    /// <summary>Gets or sets a test seam: awaited before each indexing of words (to hold it back, or fail it).</summary>
    internal Func<Task>? BeforeIndex { get; set; }

    protected override async Task<long[]> CommitAsync(List<PendingLine> batch)
    {
        var results = await database.WriteAsync(connection => Commit(connection, batch), CancellationToken.None).ConfigureAwait(false);
        foreach (var result in results)
        {
            _unindexed += result > 0 ? 1 : 0;
        }

        return results;
    }

    protected override async Task AfterBatchAsync()
    {
        if (_unindexed == 0 || (Queue.Count > 0 && _unindexed < IndexAfter))
        {
            return;
        }

        try
        {
            if (BeforeIndex is { } before)
            {
                await before().ConfigureAwait(false);
            }

            await database.WriteAsync(SqliteWordIndex.IndexBehind, CancellationToken.None).ConfigureAwait(false);
            _unindexed = 0;
            Interlocked.Increment(ref _indexings);
        }
#pragma warning disable CA1031 // The lines are committed and stay searchable above their mark: indexing is tried again after the next batch, or when the database is next opened.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static long[] Commit(SqliteConnection connection, List<PendingLine> batch)
    {
        var results = new long[batch.Count];
        var shares = BatchShare.Of(batch);
        var executions = new Dictionary<ExecutionId, Written>(shares.Count);
        using var transaction = connection.BeginTransaction(deferred: false);
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
        return results;
    }

    /// <summary>An execution's part of the batch: its id as stored, its last sequence before the batch and now (or why it gets no lines).</summary>
    private sealed class Written(string stored, long last)
    {
        public string Stored { get; } = stored;

        public long Before { get; } = last;

        public long Last { get; set; } = last;
    }
}
