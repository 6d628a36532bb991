namespace Integration.Tests;

/// <summary>
/// A schedule's overlap claim is held by one execution at a time, tells the others who holds it, and is free again
/// once released; claims of different schedules do not interfere.
/// </summary>
public sealed class RunningExecutionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AClaim_IsHeldOnce_NamesItsHolder_AndIsFreeAgainAfterRelease()
    {
        var running = new RunningExecutions();
        var first = ExecutionId.New(T0);

        Assert.True(running.TryClaim("sales", out var none));
        Assert.Null(none);
        Assert.False(running.TryClaim("sales", out var unset));
        Assert.Null(unset);

        running.SetClaimHolder("sales", first);
        Assert.False(running.TryClaim("sales", out var holder));
        Assert.Equal(first, holder);
        Assert.True(running.TryClaim("export", out _));

        running.Release("sales");
        Assert.True(running.TryClaim("sales", out var afterRelease));
        Assert.Null(afterRelease);
        Assert.False(running.TryClaim("export", out _));
    }

    [Fact]
    public void ReleasingAClaimNeverTaken_ChangesNothing()
    {
        var running = new RunningExecutions();

        running.Release("sales");

        Assert.True(running.TryClaim("sales", out _));
        Assert.False(running.TryClaim("sales", out _));
    }

    [Fact]
    public async Task UnderConcurrentClaimants_NeverMoreThanOneHoldsASchedule()
    {
        var running = new RunningExecutions();
        const int Threads = 8;
        const int Rounds = 20_000;
        var holders = new int[4];
        var overlaps = 0;
        var taken = new int[4];
        using var start = new Barrier(Threads);

        var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < Rounds; i++)
            {
                var schedule = (t + i) % holders.Length;
                if (!running.TryClaim($"schedule-{schedule}", out _))
                {
                    continue;
                }

                if (Interlocked.Increment(ref holders[schedule]) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                Interlocked.Increment(ref taken[schedule]);
                running.SetClaimHolder($"schedule-{schedule}", ExecutionId.New(T0));
                Interlocked.Decrement(ref holders[schedule]);
                running.Release($"schedule-{schedule}");
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, overlaps);
        Assert.All(taken, count => Assert.True(count > 0));
        Assert.All(Enumerable.Range(0, holders.Length), s => Assert.True(running.TryClaim($"schedule-{s}", out _)));
    }

    [Fact]
    public void RunningExecutions_AreFoundByIdUntilRemoved_AndCounted()
    {
        var running = new RunningExecutions();
        var ids = Enumerable.Range(0, 500).Select(i => ExecutionId.New(T0.AddSeconds(i))).ToList();
        foreach (var id in ids)
        {
            running.Add(new RunningExecution(new Execution { Id = id, InterfaceId = "sales", ScheduleId = "sales", Window = new ExecutionWindow(T0, T0), StartedAt = T0 }, null!));
        }

        Assert.Equal(500, running.Count);
        foreach (var id in ids.Where((_, i) => i % 2 == 0))
        {
            running.Remove(id);
        }

        Assert.Equal(250, running.Count);
        Assert.Equal(ids.Where((_, i) => i % 2 == 1).Order(), running.Snapshot().Select(r => r.Execution.Id).Order());
        Assert.False(running.TryGet(ids[0], out _));
        Assert.True(running.TryGet(ids[1], out var found));
        Assert.Equal(ids[1], found.Execution.Id);
    }

    [Fact]
    public async Task RunningExecutions_AddedAndRemovedConcurrently_WhileSnapshotsAreTaken_AreAllFoundUntilRemoved()
    {
        var running = new RunningExecutions();
        const int Threads = 4;
        const int PerThread = 5_000;
        var kept = new List<ExecutionId>[Threads];
        using var start = new Barrier(Threads + 1);
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            kept[t] = [];
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                var id = ExecutionId.New(T0.AddMilliseconds(i));
                running.Add(new RunningExecution(new Execution { Id = id, InterfaceId = "sales", ScheduleId = "sales", Window = new ExecutionWindow(T0, T0), StartedAt = T0 }, null!));
                Assert.True(running.TryGet(id, out _));
                if (i % 2 == 0)
                {
                    running.Remove(id);
                    Assert.False(running.TryGet(id, out _));
                }
                else
                {
                    kept[t].Add(id);
                }
            }
        })).ToArray();

        start.SignalAndWait();
        do
        {
            var snapshot = running.Snapshot().Select(r => r.Execution.Id).ToList();
            Assert.Equal(snapshot.Count, snapshot.Distinct().Count());
        }
        while (!workers.All(w => w.IsCompleted));

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
        var expected = kept.SelectMany(k => k).Order().ToList();
        Assert.Equal(Threads * PerThread / 2, running.Count);
        Assert.Equal(expected, running.Snapshot().Select(r => r.Execution.Id).Order());
    }
}
