namespace Integration.Storage.Sqlite.Tests;

/// <summary>The shared sources of the SQL stores (src/Shared/Storage), tested once through this package's copy.</summary>
public sealed class SharedStorageTests
{
    [Fact]
    public async Task StoreInitialization_SharesOneAttemptAmongConcurrentCallers_RetriesAfterAFailure_AndKeepsASuccess()
    {
        var attempts = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fail = true;
        var initialization = new StoreInitialization<int>(async () =>
        {
            var attempt = Interlocked.Increment(ref attempts);
            await gate.Task;
            return fail ? throw new StoreUnavailableException("down", new IOException()) : attempt;
        });

        var first = Enumerable.Range(0, 8).Select(_ => initialization.GetAsync(CancellationToken.None)).ToArray();
        gate.SetResult();
        foreach (var caller in first)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => caller);
        }

        Assert.Equal(1, attempts);
        Assert.False(initialization.TryGetResult(out _));

        fail = false;
        Assert.Equal(2, await initialization.GetAsync(CancellationToken.None));
        Assert.Equal(2, await initialization.GetAsync(CancellationToken.None));
        Assert.True(initialization.TryGetResult(out var result));
        Assert.Equal(2, result);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task LogQueue_WhenFull_AdmitsWaitingAppendsFirstComeFirstServed_BeforeAnyLaterOne()
    {
        var queue = new LogQueue(capacity: 2, "test");
        var id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var appends = Enumerable.Range(0, 5).Select(i => queue.AppendAsync(id, new LogEntry { Message = $"line {i}" }, CancellationToken.None)).ToArray();
        var batch = new List<PendingLine>();

        Assert.Equal(2, queue.Count);
        queue.TakeBatch(batch, max: 1);
        var later = queue.AppendAsync(id, new LogEntry { Message = "later" }, CancellationToken.None);
        queue.TakeBatch(batch, max: 10);
        queue.TakeBatch(batch, max: 10);
        queue.TakeBatch(batch, max: 10);

        Assert.Equal(["line 0", "line 1", "line 2", "line 3", "line 4", "later"], batch.Select(p => p.Entry.Message));
        Assert.Equal(2, queue.PeakCount);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.SetResult(i + 1);
        }

        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, await Task.WhenAll(appends));
        Assert.Equal(6, await later);
    }

    [Fact]
    public async Task LogQueue_Completed_FailsTheAppendsWaitingForRoom_NamingTheStore()
    {
        var queue = new LogQueue(capacity: 1, "SQLite");
        var id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        _ = queue.AppendAsync(id, new LogEntry { Message = "queued" }, CancellationToken.None);
        var waiting = queue.AppendAsync(id, new LogEntry { Message = "waiting" }, CancellationToken.None);

        queue.Complete();

        var e = await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.Contains("SQLite execution store", e.Message, StringComparison.Ordinal);
    }
}
