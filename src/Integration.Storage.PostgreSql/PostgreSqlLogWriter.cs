using System.Threading.Channels;
using Npgsql;

namespace Integration.Storage.PostgreSql;

/// <summary>
/// Group commit of log lines through binary COPY: appenders queue their line and wait; one loop takes every line
/// queued and, in one transaction, reserves each execution's next sequences (an <c>UPDATE … RETURNING</c> that locks
/// the execution's row, in id order so nodes never deadlock), copies the lines, commits, and only then completes their
/// tasks. The reservation skips abandoned executions, so a fenced node's lines are not written (their append returns 0).
/// Transient failures are retried by the database's pipeline.
/// </summary>
internal sealed class PostgreSqlLogWriter : IAsyncDisposable
{
    private const int MaxBatch = 4096;

    private readonly PostgreSqlDatabase _database;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public PostgreSqlLogWriter(PostgreSqlDatabase database)
    {
        _database = database;
        _loop = Task.Run(LoopAsync);
    }

    public Task<long> AppendAsync(ExecutionId executionId, in LogEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(executionId, entry);
        return _queue.Writer.TryWrite(pending)
            ? pending.Done.Task
            : Task.FromException<long>(new ObjectDisposedException(nameof(PostgreSqlLogWriter), "PostgreSQL execution store: the store was disposed."));
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
                var results = await _database.Retry.ExecuteAsync(static async (state, ct) => await CommitAsync(state.Database, state.Batch, ct).ConfigureAwait(false), (Database: _database, Batch: batch), CancellationToken.None).ConfigureAwait(false);
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
    private static async Task<long[]> CommitAsync(PostgreSqlDatabase database, List<Pending> batch, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<ExecutionId, int>();
        foreach (var pending in batch)
        {
            counts[pending.ExecutionId] = counts.GetValueOrDefault(pending.ExecutionId) + 1;
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var next = await ReserveAsync(connection, counts, cancellationToken).ConfigureAwait(false);
            var results = new long[batch.Count];
            await using (var copy = await connection.BeginBinaryImportAsync(PostgreSqlRows.CopyLines, cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var id = batch[i].ExecutionId;
                    if (!next.TryGetValue(id, out var sequence))
                    {
                        results[i] = -1;
                        continue;
                    }

                    if (sequence == 0)
                    {
                        continue;
                    }

                    await PostgreSqlRows.WriteLineAsync(copy, id.Value, sequence, batch[i].Entry, cancellationToken).ConfigureAwait(false);
                    results[i] = sequence;
                    next[id] = sequence + 1;
                }

                await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return results;
        }
    }

    /// <summary>Reserves each execution's sequences; gives each its first reserved sequence, 0 when it is abandoned, nothing when unknown.</summary>
    private static async Task<Dictionary<ExecutionId, long>> ReserveAsync(NpgsqlConnection connection, SortedDictionary<ExecutionId, int> counts, CancellationToken cancellationToken)
    {
        var next = new Dictionary<ExecutionId, long>(counts.Count);
        await using (var reserve = new NpgsqlBatch(connection))
        {
            foreach (var (id, count) in counts)
            {
                var command = new NpgsqlBatchCommand("UPDATE executions SET last_sequence = last_sequence + $2 WHERE id = $1 AND status <> 4 RETURNING id, last_sequence");
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.Value });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = count });
                reserve.BatchCommands.Add(command);
            }

            await using var reader = await reserve.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var id = new ExecutionId(reader.GetGuid(0));
                    next[id] = reader.GetInt64(1) - counts[id] + 1;
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        if (next.Count < counts.Count)
        {
            // Rare: tell the abandoned executions (fenced: 0) from the unknown ones.
            await using var known = new NpgsqlCommand("SELECT id FROM executions WHERE id = ANY($1)", connection);
            known.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = counts.Keys.Where(id => !next.ContainsKey(id)).Select(id => id.Value).ToArray() });
            await using var reader = await known.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                next[new ExecutionId(reader.GetGuid(0))] = 0;
            }
        }

        return next;
    }

    private sealed class Pending(ExecutionId executionId, LogEntry entry)
    {
        public ExecutionId ExecutionId { get; } = executionId;

        public LogEntry Entry { get; } = entry;

        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
