namespace Integration.Storage;

/// <summary>
/// Group commit of log lines: appenders queue their line (a bounded <see cref="LogQueue"/>) and wait; one loop takes
/// the lines queued, has the store commit them as one batch (<see cref="CommitAsync"/>), and only then completes their
/// tasks: with the line's sequence, with 0 when its execution was abandoned (fencing), or with
/// <see cref="ExecutionNotFoundException"/>. A batch that failed fails each of its lines. Compiled into each SQL store package.
/// </summary>
internal abstract class SqlLogWriter : IAsyncDisposable
{
    /// <summary>The most lines one batch commits.</summary>
    protected const int MaxBatch = 4096;

    private readonly LogQueue _queue;
    private readonly Task _loop;
    private long _transactions;

    protected SqlLogWriter(int capacity, string store)
    {
        _queue = new LogQueue(capacity, store);
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

    /// <summary>Writes the batch in one transaction; returns each line's sequence, 0 when fenced, -1 when its execution is unknown.</summary>
    protected abstract Task<long[]> CommitAsync(List<PendingLine> batch);

    /// <summary>Runs after each batch, committed or not (housekeeping).</summary>
    protected virtual Task AfterBatchAsync() => Task.CompletedTask;

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

                var results = await CommitAsync(batch).ConfigureAwait(false);
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
            await AfterBatchAsync().ConfigureAwait(false);
        }
    }
}
