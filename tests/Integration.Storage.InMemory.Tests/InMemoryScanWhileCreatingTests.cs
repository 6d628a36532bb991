namespace Integration.Storage.InMemory.Tests;

/// <summary>
/// The store's scans read the execution map without its locks, so creators go on while one runs: a scan sees every
/// execution created before it began, never one twice, and a creator racing it loses nothing.
/// </summary>
public sealed class InMemoryScanWhileCreatingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Queries_RacingCreators_SeeEveryExecutionCreatedBefore_NeverOneTwice_AndLoseNone()
    {
        var store = new InMemoryExecutionStore(TimeProvider.System);
        var before = new List<ExecutionId>();
        for (var i = 0; i < 2_000; i++)
        {
            before.Add((await store.CreateAsync(Scheduled($"before-{i}", i))).Execution.Id);
        }

        using var start = new Barrier(2);
        var creator = Task.Run(async () =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 20_000; i++)
            {
                await store.CreateAsync(Scheduled($"during-{i}", i));
            }
        });

        start.SignalAndWait();
        do
        {
            var seen = (await store.QueryAsync(new ExecutionQuery { InterfaceId = "early", Limit = ExecutionQuery.MaxLimit })).Items.Select(e => e.Id).ToList();
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Equal(before.Where((_, i) => i % 2 == 0).Order(), seen.Order());
        }
        while (!creator.IsCompleted);

        await creator;
        Assert.Equal(22_000, await CountAsync(store));
    }

    private static async Task<int> CountAsync(IExecutionStore store)
    {
        var count = 0;
        foreach (var interfaceId in new[] { "early", "late" })
        {
            ExecutionId? next = null;
            do
            {
                var page = await store.QueryAsync(new ExecutionQuery { InterfaceId = interfaceId, Limit = ExecutionQuery.MaxLimit, Before = next });
                count += page.Items.Count;
                next = page.Next;
            }
            while (next is not null);
        }

        return count;
    }

    // The executions created before the race alternate between two interfaces; those created during it are all "late",
    // so the "early" ones a query must see are exactly the first half of the ones created before.
    private static Execution Scheduled(string key, int i) => new()
    {
        Id = ExecutionId.New(T0.AddMilliseconds(i)),
        InterfaceId = key.StartsWith("before", StringComparison.Ordinal) && i % 2 == 0 ? "early" : "late",
        ScheduleId = "sales",
        Trigger = ExecutionTrigger.Schedule,
        UniqueKey = key,
        StartedAt = T0,
        NodeId = "node-1",
    };
}
