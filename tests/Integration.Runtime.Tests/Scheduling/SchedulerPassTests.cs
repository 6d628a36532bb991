using Integration.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

/// <summary>
/// The scheduler's pass: the occurrences of different interfaces created concurrently within a bound, each node in an
/// order of its own, and the store's unique key still the only guard of "exactly once".
/// </summary>
public sealed class SchedulerPassTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset Due = new(2026, 3, 2, 9, 31, 0, TimeSpan.Zero); // the first minute after Harness.Start

    private static Harness Node(string nodeId, int interfaces, FakeTimeProvider time, IExecutionStore? store = null)
        => Harness.Create(
            x =>
            {
                x.Configure(o => o.NodeId = nodeId);
                for (var i = 0; i < interfaces; i++)
                {
                    x.AddScheduledInterface<ScriptedConnector>($"feed-{i:00}", s => s.Cron("* * * * *"));
                }
            },
            time: time,
            store: store,
            withSales: false);

    /// <summary>Moves the shared clock to <paramref name="at"/> and waits until every node's scheduler went back to wait.</summary>
    private static async Task StepAsync(FakeTimeProvider time, DateTimeOffset at, params Harness[] nodes)
    {
        var generations = nodes.Select(n => n.Scheduler.Generation).ToArray();
        time.SetUtcNow(at);
        for (var i = 0; i < nodes.Length; i++)
        {
            await nodes[i].Scheduler.WaitIdleAsync(generations[i]).WaitAsync(Guard);
        }
    }

    private static async Task<List<Execution>> ScheduledAsync(Harness h)
        => await h.ExecutionsAsync(e => e.Trigger == ExecutionTrigger.Schedule);

    [Theory]
    [InlineData(200)]
    [InlineData(1000)]
    public void PassOrder_StartsEachNodeAtAPlaceOfItsOwn_TheSameOnEveryPass_AndMovingWithTheDueInstant(int count)
    {
        var nodes = Enumerable.Range(0, 8).Select(i => $"host-{i}").ToList();
        var starts = nodes.Select(n => PassOrder.Start(n, Due, count)).ToList();

        Assert.Equal(starts, nodes.Select(n => PassOrder.Start(n, Due, count)));
        Assert.All(starts, s => Assert.InRange(s, 0, count - 1));
        Assert.True(starts.Distinct().Count() >= 7, "nodes start their walks at the same place");
        var nextMinute = nodes.Select(n => PassOrder.Start(n, Due.AddMinutes(1), count)).ToList();
        Assert.True(starts.Zip(nextMinute).Count(p => p.First != p.Second) >= 7, "a node starts at the same place at every instant");
        Assert.Equal(0, PassOrder.Start("host-0", Due, 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(200)]
    [InlineData(1000)]
    public void PassOrder_Walk_VisitsEveryItemOnce_AndTwoNodesBeginWithDifferentItems(int count)
    {
        List<int> WalkOf(string node)
        {
            var items = Enumerable.Range(0, count).ToList();
            PassOrder.Walk(items, [], PassOrder.Start(node, Due, count), PassOrder.Stride(node, Due, count));
            return items;
        }

        var a = WalkOf("node-a");
        var b = WalkOf("node-b");

        Assert.Equal(Enumerable.Range(0, count), a.Order());
        Assert.Equal(Enumerable.Range(0, count), b.Order());
        Assert.Equal(a, WalkOf("node-a"));
        if (count >= 200)
        {
            // Of node a's first 20, node b takes few among its own first 20: they do not walk in each other's wake.
            Assert.True(a.Take(20).Intersect(b.Take(20)).Count() <= 6, "two nodes begin their walks with mostly the same items");
            Assert.True(a.Take(20).Count(i => i < 20) <= 6, "a node walks in registration order");
        }
    }

    [Fact]
    public async Task APass_HasAtMostItsBoundOfCreatesInFlight_AndCreatesEveryOccurrence()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var memory = Harness.Create(withSales: false);
        var store = new HoldingStore(memory.Store) { Holding = true };
        await using var h = Node("node-a", 20, time, store);
        await h.StartHostAsync();

        var generation = h.Scheduler.Generation;
        time.SetUtcNow(Due);
        await store.HeldAsync(Scheduler.CreatesInFlight).WaitAsync(Guard);
        Assert.Equal(Scheduler.CreatesInFlight, store.InFlight);
        store.Release(20);
        await h.Scheduler.WaitIdleAsync(generation).WaitAsync(Guard);
        await h.AllEndedAsync();

        Assert.Equal(Scheduler.CreatesInFlight, store.MaxInFlight);
        var fired = await ScheduledAsync(h);
        Assert.Equal(20, fired.Count);
        Assert.All(fired, e => Assert.Equal((Due, ExecutionStatus.OK), (e.Window.To, e.Status)));
        Assert.Equal(20, fired.Select(e => e.InterfaceId).Distinct().Count());
    }

    [Fact]
    public async Task TwoNodes_SharingAStore_CreateEveryOccurrenceExactlyOnce()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var a = Node("node-a", 30, time);
        await using var b = Node("node-b", 30, time, a.Store);
        await a.StartHostAsync();
        await b.StartHostAsync();

        for (var minute = 0; minute < 3; minute++)
        {
            // Each minute's runs end before the clock jumps: a jump past the lease timeout would have the other
            // node's sweep abandon them.
            await StepAsync(time, Due.AddMinutes(minute), a, b);
            await a.AllEndedAsync();
            await b.AllEndedAsync();
        }

        var fired = await ScheduledAsync(a);
        Assert.Equal(90, fired.Count);
        Assert.Equal(90, fired.Select(e => e.UniqueKey).Distinct().Count());
        Assert.All(fired.GroupBy(e => e.InterfaceId), g => Assert.Equal([Due, Due.AddMinutes(1), Due.AddMinutes(2)], g.Select(e => e.Window.To).Order()));
        Assert.All(fired, e => Assert.Equal(ExecutionStatus.OK, e.Status));
    }

    [Fact]
    public async Task ANodeThatStopsMidPass_LeavesNothingMissing_TheOtherNodeCreatesWhatItHadNot()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var memory = Harness.Create(withSales: false);
        var storeA = new HoldingStore(memory.Store) { Holding = true };
        var storeB = new HoldingStore(memory.Store) { Holding = true };
        await using var a = Node("node-a", 20, time, storeA);
        await using var b = Node("node-b", 20, time, storeB);
        await a.StartHostAsync();
        await b.StartHostAsync();

        // Node a creates 5 occurrences and is stopped with its next creates in flight; node b's pass is held meanwhile.
        storeA.Release(5);
        time.SetUtcNow(Due);
        await storeB.HeldAsync(Scheduler.CreatesInFlight).WaitAsync(Guard);
        await storeA.HeldAsync(Scheduler.CreatesInFlight).WaitAsync(Guard);
        await a.StopHostAsync().WaitAsync(Guard);
        Assert.Equal(5, (await ScheduledAsync(a)).Count);

        var generation = b.Scheduler.Generation;
        storeB.Release(20);
        await b.Scheduler.WaitIdleAsync(generation).WaitAsync(Guard);
        await b.AllEndedAsync();

        var fired = await ScheduledAsync(b);
        Assert.Equal(20, fired.Count);
        Assert.Equal(20, fired.Select(e => e.InterfaceId).Distinct().Count());
        Assert.All(fired, e => Assert.Equal(Due, e.Window.To));
        Assert.Equal(5, fired.Count(e => e.NodeId == "node-a"));
        Assert.Equal(15, fired.Count(e => e.NodeId == "node-b"));
    }

    [Fact]
    public async Task StoppingAHostMidPass_EndsItsHeldCreates_AndTheNextStartCreatesThemOnce()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var memory = Harness.Create(withSales: false);
        var store = new HoldingStore(memory.Store);
        await using (var first = Node("node-a", 12, time, store))
        {
            await first.StartHostAsync();
            await first.AdvanceToNextWakeAsync(); // 09:31, every interface fires
            await first.AllEndedAsync();

            store.Holding = true;
            store.Release(3);
            time.SetUtcNow(Due.AddMinutes(1)); // 09:32: 3 are created, then the host stops mid-pass
            await store.HeldAsync(Scheduler.CreatesInFlight).WaitAsync(Guard);
            await first.StopHostAsync().WaitAsync(Guard);
            Assert.Equal(0, store.InFlight);
            Assert.Equal(12 + 3, (await ScheduledAsync(first)).Count);
        }

        store.Holding = false;
        time.Advance(TimeSpan.FromSeconds(20));
        await using var second = Node("node-a", 12, time, store);
        await second.StartHostAsync(); // its first pass owes 09:32 to the 9 schedules that last ran at 09:31
        await second.CaughtUpAsync();

        var fired = await ScheduledAsync(second);
        Assert.Equal(24, fired.Count);
        Assert.All(fired.GroupBy(e => e.InterfaceId), g => Assert.Equal([Due, Due.AddMinutes(1)], g.Select(e => e.Window.To).Order()));
        Assert.Equal(24, fired.Select(e => e.UniqueKey).Distinct().Count());
    }
}
