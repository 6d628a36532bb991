namespace Integration.Storage.InMemory.Tests;

public sealed class InMemoryCreateRacingPurgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ACreateRacingThePurgeOfItsKeysHolder_CreatesANewExecution_InsteadOfSpinningForEver()
    {
        var store = new InMemoryExecutionStore(TimeProvider.System);
        var old = Scheduled("sales@09:00");
        await store.CreateAsync(old);
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = old.Id, Status = ExecutionStatus.OK, EndedAt = T0 });
        using var executionRemoved = new ManualResetEventSlim();
        using var resumePurge = new ManualResetEventSlim();

        // The purge stops between removing the execution and freeing its key; the create sees the key's holder missing,
        // which lets the purge go on.
        store.PurgeRemovedExecution = () =>
        {
            executionRemoved.Set();
            resumePurge.Wait();
        };
        store.KeyHolderMissing = resumePurge.Set;
        var purge = Task.Factory.StartNew(() => store.PurgeAsync(T0.AddDays(1), 10).AsTask(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        executionRemoved.Wait();

        var replacement = Scheduled("sales@09:00");
        var creation = await Task.Factory.StartNew(() => store.CreateAsync(replacement).AsTask(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .Unwrap().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await purge);
        Assert.True(creation.Created);
        Assert.Equal(replacement.Id, creation.Execution.Id);
        Assert.Equal(replacement.Id, (await store.FindByUniqueKeyAsync("sales@09:00"))!.Id);
        Assert.Null(await store.GetAsync(old.Id));
    }

    [Fact]
    public async Task FindByUniqueKey_RacingThePurgeOfItsHolder_ReturnsNull_InsteadOfSpinningForEver()
    {
        var store = new InMemoryExecutionStore(TimeProvider.System);
        var old = Scheduled("sales@09:00");
        await store.CreateAsync(old);
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = old.Id, Status = ExecutionStatus.OK, EndedAt = T0 });
        using var executionRemoved = new ManualResetEventSlim();
        using var resumePurge = new ManualResetEventSlim();
        store.PurgeRemovedExecution = () =>
        {
            executionRemoved.Set();
            resumePurge.Wait();
        };
        store.KeyHolderMissing = resumePurge.Set;
        var purge = Task.Factory.StartNew(() => store.PurgeAsync(T0.AddDays(1), 10).AsTask(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        executionRemoved.Wait();

        var found = await Task.Factory.StartNew(() => store.FindByUniqueKeyAsync("sales@09:00").AsTask(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .Unwrap().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await purge);
        Assert.Null(found);
    }

    private static Execution Scheduled(string key) => new()
    {
        Id = ExecutionId.New(T0),
        InterfaceId = "sales",
        ScheduleId = "sales",
        Trigger = ExecutionTrigger.Schedule,
        UniqueKey = key,
        StartedAt = T0,
        NodeId = "node-1",
    };
}
