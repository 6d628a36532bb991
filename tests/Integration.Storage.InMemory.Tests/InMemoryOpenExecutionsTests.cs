using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.InMemory.Tests;

/// <summary>
/// The lease sweep reads an index of the open executions, not the whole map: an execution enters it when created
/// Running (not daily) and leaves it on every path that ends it, so the sweep visits the open ones only and abandons
/// exactly the ones it abandoned before.
/// </summary>
public sealed class InMemoryOpenExecutionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task TheSweep_VisitsOnlyRunningScheduledExecutions_NotEndedNorDailyOnes()
    {
        var time = new FakeTimeProvider(T0);
        var store = new InMemoryExecutionStore(time);
        for (var i = 0; i < 500; i++)
        {
            var ended = await CreateAsync(store, $"ended-{i}");
            await store.CompleteAsync(new ExecutionCompletion { ExecutionId = ended.Id, Status = ExecutionStatus.OK, EndedAt = T0 });
        }

        var createdEnded = Scheduled("created-ended") with { Status = ExecutionStatus.KO, Reason = ExecutionReason.Error, EndedAt = T0 };
        await store.CreateAsync(createdEnded);
        var daily = (await store.CreateAsync(Daily("api"))).Execution;
        var open = new[] { await CreateAsync(store, "a"), await CreateAsync(store, "b") };
        var visited = new List<ExecutionId>();
        store.SweepVisiting = visited.Add;
        time.Advance(Lease * 2);

        Assert.Equal(2, store.OpenCount);
        Assert.Equal(2, await store.AbandonExpiredAsync(Lease));

        Assert.Equal(open.Select(e => e.Id).Order(), visited.Order());
        Assert.Equal(0, store.OpenCount);
        Assert.Equal(ExecutionStatus.Running, (await store.GetAsync(daily.Id))!.Status);
        Assert.Equal(ExecutionStatus.KO, (await store.GetAsync(createdEnded.Id))!.Status);
        foreach (var execution in open)
        {
            var abandoned = (await store.GetAsync(execution.Id))!;
            Assert.Equal(ExecutionStatus.Abandoned, abandoned.Status);
            Assert.Equal(T0 + (Lease * 2), abandoned.EndedAt);
        }
    }

    [Theory]
    [InlineData(ExecutionStatus.OK)]
    [InlineData(ExecutionStatus.KO)]
    [InlineData(ExecutionStatus.Cancelled)]
    public async Task Completion_TakesTheExecutionOutOfTheIndex_SoTheSweepNeverVisitsIt(ExecutionStatus status)
    {
        var time = new FakeTimeProvider(T0);
        var store = new InMemoryExecutionStore(time);
        var execution = await CreateAsync(store, "a");
        Assert.Equal(1, store.OpenCount);

        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = status, EndedAt = T0 });
        var visited = 0;
        store.SweepVisiting = _ => visited++;
        time.Advance(Lease * 2);

        Assert.Equal(0, store.OpenCount);
        Assert.Equal(0, await store.AbandonExpiredAsync(Lease));
        Assert.Equal(0, visited);
        Assert.Equal(status, (await store.GetAsync(execution.Id))!.Status);
    }

    [Fact]
    public async Task ADailyExecution_IsNeverIndexed_AndItsCloseLeavesTheIndexAsItWas()
    {
        var time = new FakeTimeProvider(T0);
        var store = new InMemoryExecutionStore(time);
        var daily = (await store.CreateAsync(Daily("api"))).Execution;
        var running = await CreateAsync(store, "a");
        time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(1, store.OpenCount);
        Assert.NotNull(await store.CompleteAsync(new ExecutionCompletion { ExecutionId = daily.Id, Status = ExecutionStatus.OK, EndedAt = time.GetUtcNow() }));

        Assert.Equal(1, store.OpenCount);
        Assert.Equal(1, await store.AbandonExpiredAsync(Lease));
        Assert.Equal(ExecutionStatus.OK, (await store.GetAsync(daily.Id))!.Status);
        Assert.Equal(ExecutionStatus.Abandoned, (await store.GetAsync(running.Id))!.Status);
    }

    [Fact]
    public async Task AnExecutionEndedWhileTheSweepRuns_IsNotAbandoned_AndTheOthersAre()
    {
        var time = new FakeTimeProvider(T0);
        var store = new InMemoryExecutionStore(time);
        var executions = new List<Execution>();
        for (var i = 0; i < 64; i++)
        {
            executions.Add(await CreateAsync(store, $"e-{i}"));
        }

        time.Advance(Lease * 2);
        var endedDuringSweep = new HashSet<ExecutionId>();
        var visits = 0;

        // After the sweep copied a stripe, before it takes the slot's lock: every other visited execution completes.
        store.SweepVisiting = id =>
        {
            if (visits++ % 2 == 0)
            {
                var completed = store.CompleteAsync(new ExecutionCompletion { ExecutionId = id, Status = ExecutionStatus.OK, EndedAt = time.GetUtcNow() }).AsTask().GetAwaiter().GetResult();
                Assert.NotNull(completed);
                endedDuringSweep.Add(id);
            }
        };

        var abandoned = await store.AbandonExpiredAsync(Lease);

        Assert.Equal(executions.Count, visits);
        Assert.Equal(executions.Count / 2, endedDuringSweep.Count);
        Assert.Equal(executions.Count - endedDuringSweep.Count, abandoned);
        Assert.Equal(0, store.OpenCount);
        foreach (var execution in executions)
        {
            var stored = (await store.GetAsync(execution.Id))!;
            Assert.Equal(endedDuringSweep.Contains(execution.Id) ? ExecutionStatus.OK : ExecutionStatus.Abandoned, stored.Status);
        }
    }

    [Fact]
    public async Task AnExecutionWhoseLeaseIsRenewedWhileTheSweepRuns_IsNotAbandoned_AndStaysInTheIndex()
    {
        var time = new FakeTimeProvider(T0);
        var store = new InMemoryExecutionStore(time);
        var execution = await CreateAsync(store, "a");
        time.Advance(Lease * 2);
        store.SweepVisiting = id => Assert.True(store.RenewLeaseAsync(id, "node-1").AsTask().GetAwaiter().GetResult());

        Assert.Equal(0, await store.AbandonExpiredAsync(Lease));

        Assert.Equal(ExecutionStatus.Running, (await store.GetAsync(execution.Id))!.Status);
        Assert.Equal(1, store.OpenCount);
    }

    [Fact]
    public async Task ExecutionsCreatedDuringASweep_AreNotAbandonedByIt_AndAreSweptNextTime()
    {
        var time = new FakeTimeProvider(T0);
        var store = new InMemoryExecutionStore(time);
        var expired = await CreateAsync(store, "expired");
        time.Advance(Lease * 2);
        var createdDuringSweep = new List<ExecutionId>();

        // Enough of them to land in stripes the sweep has passed and in stripes it has yet to copy.
        store.SweepVisiting = _ =>
        {
            store.SweepVisiting = null;
            for (var i = 0; i < 200; i++)
            {
                createdDuringSweep.Add(store.CreateAsync(Scheduled($"during-{i}")).AsTask().GetAwaiter().GetResult().Execution.Id);
            }
        };

        Assert.Equal(1, await store.AbandonExpiredAsync(Lease));
        Assert.Equal(ExecutionStatus.Abandoned, (await store.GetAsync(expired.Id))!.Status);
        Assert.Equal(200, store.OpenCount);
        foreach (var id in createdDuringSweep)
        {
            Assert.Equal(ExecutionStatus.Running, (await store.GetAsync(id))!.Status);
        }

        time.Advance(Lease * 2);
        Assert.Equal(200, await store.AbandonExpiredAsync(Lease));

        Assert.Equal(0, store.OpenCount);
        foreach (var id in createdDuringSweep)
        {
            Assert.Equal(ExecutionStatus.Abandoned, (await store.GetAsync(id))!.Status);
        }
    }

    [Fact]
    public async Task Purge_RemovesEndedExecutionsFromTheMapAndTheIndex_AndKeepsTheOpenOnesSwept()
    {
        var time = new FakeTimeProvider(T0);
        var store = new InMemoryExecutionStore(time);
        var ended = await CreateAsync(store, "ended");
        var abandoned = await CreateAsync(store, "abandoned");
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = ended.Id, Status = ExecutionStatus.OK, EndedAt = T0 });
        time.Advance(Lease * 2);
        var open = await CreateAsync(store, "open");
        Assert.Equal(1, await store.AbandonExpiredAsync(Lease));

        Assert.Equal(2, await store.PurgeAsync(time.GetUtcNow().AddSeconds(1), 10));

        Assert.Null(await store.GetAsync(ended.Id));
        Assert.Null(await store.GetAsync(abandoned.Id));
        Assert.Equal(1, store.OpenCount);
        time.Advance(Lease * 2);
        Assert.Equal(1, await store.AbandonExpiredAsync(Lease));
        Assert.Equal(ExecutionStatus.Abandoned, (await store.GetAsync(open.Id))!.Status);
        Assert.Equal(0, store.OpenCount);
    }

    [Fact]
    public async Task AfterANodeDied_ItsAbandonedExecutionStaysOut_AndTheReRunWithTheSameIdentityIsSwept()
    {
        var time = new FakeTimeProvider(T0);
        var store = new InMemoryExecutionStore(time);
        var original = await CreateAsync(store, "sales@09:00");
        time.Advance(Lease * 2);
        Assert.Equal(1, await store.AbandonExpiredAsync(Lease));

        // The dead node comes back: it can neither renew nor complete, and nothing re-enters the index.
        Assert.False(await store.RenewLeaseAsync(original.Id, "node-1"));
        Assert.Null(await store.CompleteAsync(new ExecutionCompletion { ExecutionId = original.Id, Status = ExecutionStatus.OK, EndedAt = time.GetUtcNow() }));
        Assert.Equal(0, store.OpenCount);
        Assert.Equal(0, await store.AbandonExpiredAsync(Lease));

        // A duplicate id is refused and enters nothing; the purge frees the key; a re-run with the same key is swept.
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(original with { UniqueKey = null }).AsTask());
        Assert.Equal(0, store.OpenCount);
        Assert.Equal(1, await store.PurgeAsync(time.GetUtcNow().AddSeconds(1), 10));
        var rerun = Scheduled("sales@09:00") with { RerunOf = original.Id, NodeId = "node-2" };
        Assert.True((await store.CreateAsync(rerun)).Created);
        Assert.Equal(1, store.OpenCount);
        time.Advance(Lease * 2);
        Assert.Equal(1, await store.AbandonExpiredAsync(Lease));
        Assert.Equal(ExecutionStatus.Abandoned, (await store.GetAsync(rerun.Id))!.Status);
    }

    [Fact]
    public async Task CreatorsAndCompletersRacingSweeps_EachExecutionEndsOnce_AndTheIndexEndsEmpty()
    {
        // The lease timeout is zero and the clock stands still: every sweep abandons every open execution it visits.
        var store = new InMemoryExecutionStore(new FakeTimeProvider(T0));
        const int Threads = 4;
        const int PerThread = 5_000;
        using var start = new Barrier(Threads + 1);
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                var completedOk = new List<ExecutionId>();
                var refused = new List<ExecutionId>();
                for (var i = 0; i < PerThread; i++)
                {
                    var execution = store.CreateAsync(Scheduled($"t{t}-{i}")).AsTask().GetAwaiter().GetResult().Execution;
                    var completed = store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.OK, EndedAt = T0 }).AsTask().GetAwaiter().GetResult();
                    (completed is null ? refused : completedOk).Add(execution.Id);
                }

                return (completedOk, refused);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToList();

        start.SignalAndWait();
        var abandoned = 0;
        while (!workers.TrueForAll(w => w.IsCompleted))
        {
            abandoned += await store.AbandonExpiredAsync(TimeSpan.Zero);
        }

        abandoned += await store.AbandonExpiredAsync(TimeSpan.Zero);
        var results = await Task.WhenAll(workers);

        Assert.Equal(0, store.OpenCount);
        Assert.Equal(results.Sum(r => r.refused.Count), abandoned);
        foreach (var (completedOk, refused) in results)
        {
            foreach (var id in completedOk)
            {
                Assert.Equal(ExecutionStatus.OK, (await store.GetAsync(id))!.Status);
            }

            foreach (var id in refused)
            {
                Assert.Equal(ExecutionStatus.Abandoned, (await store.GetAsync(id))!.Status);
            }
        }
    }

    private static async Task<Execution> CreateAsync(InMemoryExecutionStore store, string key)
        => (await store.CreateAsync(Scheduled(key))).Execution;

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

    private static Execution Daily(string interfaceId) => new()
    {
        Id = ExecutionId.New(T0),
        InterfaceId = interfaceId,
        ScheduleId = $"{interfaceId}_daily",
        Kind = ExecutionKind.Daily,
        Trigger = ExecutionTrigger.Call,
        UniqueKey = $"{interfaceId}_daily@2026-03-02",
        StartedAt = T0,
    };
}
