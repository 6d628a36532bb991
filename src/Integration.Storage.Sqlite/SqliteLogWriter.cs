using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// Group commit of log lines: appenders queue their line and wait; one loop takes every line queued, writes them in
/// one transaction and only then completes their tasks. Sequences come from each execution's <c>last_sequence</c>,
/// read and bumped in that transaction, so they stay gapless and ordered even with several processes on one file.
/// Lines for an abandoned execution are not written: their append returns 0 (fencing).
/// </summary>
internal sealed class SqliteLogWriter : IAsyncDisposable
{
    private const int MaxBatch = 4096;
    private const long NotFound = -1;
    private const long Fenced = -2;

    private readonly SqliteDatabase _database;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _transactions;

    public SqliteLogWriter(SqliteDatabase database)
    {
        _database = database;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Gets how many transactions have committed lines so far.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    public Task<long> AppendAsync(ExecutionId executionId, in LogEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(executionId, entry);
        return _queue.Writer.TryWrite(pending)
            ? pending.Done.Task
            : Task.FromException<long>(new ObjectDisposedException(nameof(SqliteLogWriter), "SQLite execution store: the store was disposed."));
    }

    /// <summary>Stops taking lines; those still queued fail once the database is closed. <see cref="DisposeAsync"/> waits for them instead.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
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
    private static long[] Commit(SqliteConnection connection, List<Pending> batch)
    {
        var results = new long[batch.Count];
        var last = new Dictionary<ExecutionId, long>();
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

        using var bump = connection.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText = "UPDATE executions SET last_sequence = $last WHERE id = $id";
        var bumpLast = bump.Parameters.AddWithValue("$last", 0L);
        var bumpId = bump.Parameters.AddWithValue("$id", string.Empty);
        foreach (var (id, sequence) in last)
        {
            if (sequence > 0)
            {
                bumpLast.Value = sequence;
                bumpId.Value = id.ToString();
                bump.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return results;
    }

    private sealed class Pending(ExecutionId executionId, LogEntry entry)
    {
        public ExecutionId ExecutionId { get; } = executionId;

        public LogEntry Entry { get; } = entry;

        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
