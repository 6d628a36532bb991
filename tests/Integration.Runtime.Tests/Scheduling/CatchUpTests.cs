using System.Collections.Concurrent;
using Integration.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

public sealed class CatchUpTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A first host fires 11:00 UTC (12:00 in Zurich) and stops; the clock moves to 17:30, so 13:00, 15:00 and 17:00
    /// are missed. Returns the store and the clock for a second host.
    /// </summary>
    private static async Task<(IExecutionStore Store, FakeTimeProvider Time)> ThreeMissedAsync(MisfirePolicy policy = MisfirePolicy.RunAll)
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var first = Harness.Create(sales: i => i.OnMisfire(policy), time: time);
        await first.StartHostAsync();
        await first.AdvanceToNextWakeAsync();
        await first.AllEndedAsync();
        await first.StopHostAsync();
        time.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(30));
        return (first.Store, time);
    }

    private static async Task<List<Execution>> CaughtUpRunsAsync(Harness h)
        => (await h.ExecutionsAsync(e => e.Trigger == ExecutionTrigger.Schedule)).Where(e => e.Window.To.Hour > 11).OrderBy(e => e.Window.To).ToList();

    [Fact]
    public async Task RunAll_WithThreeMissedOccurrences_AndOverlapSkip_RunsEachOneAfterTheOther_WithItsOwnStatus()
    {
        var (store, time) = await ThreeMissedAsync();
        var gates = new Gates();
        await using var h = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll), time: time, store: store);
        h.Scripts.Set("sales", async (run, ct) =>
        {
            await gates.RunAsync(run.Window.To.Hour, ct);
            if (run.Window.To.Hour == 15)
            {
                run.Log.Error(ErrorCategory.External, "FNAC answered 503 for the 15:00 window");
            }
        });

        await h.StartHostAsync();

        // 13:00 runs; 15:00 is not even created while it does (with overlap Skip it used to be recorded Skipped).
        await gates.Started(13).WaitAsync(Guard);
        Assert.Single(await CaughtUpRunsAsync(h));
        gates.Release(13);
        await gates.Started(15).WaitAsync(Guard);
        Assert.Equal(2, (await CaughtUpRunsAsync(h)).Count);
        gates.Release(15);
        await gates.Started(17).WaitAsync(Guard);
        gates.Release(17);
        await h.CaughtUpAsync();

        var runs = await CaughtUpRunsAsync(h);
        Assert.Equal([13, 15, 17], runs.Select(r => r.Window.To.Hour));
        Assert.Equal([ExecutionStatus.OK, ExecutionStatus.KO, ExecutionStatus.OK], runs.Select(r => r.Status));
        Assert.Equal([ExecutionReason.None, ExecutionReason.Error, ExecutionReason.None], runs.Select(r => r.Reason));
        Assert.DoesNotContain(runs, r => r.Reason == ExecutionReason.Skipped);
        Assert.Equal([13, 15, 17], gates.Order);
        await h.StopHostAsync();
    }

    [Fact]
    public async Task RunAll_AnOccurrenceDueDuringTheCatchUp_RunsAfterIt_InOccurrenceOrder()
    {
        var (store, time) = await ThreeMissedAsync();
        var gates = new Gates();
        await using var h = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll), time: time, store: store);
        h.Scripts.Set("sales", (run, ct) => gates.RunAsync(run.Window.To.Hour, ct));
        await h.StartHostAsync();
        await gates.Started(13).WaitAsync(Guard);

        // 19:00 falls due while 13:00 still runs: it joins the catch-up's queue instead of being skipped.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 19, 0, 0, TimeSpan.Zero), await h.AdvanceToNextWakeAsync());
        Assert.Single(await CaughtUpRunsAsync(h));
        foreach (var hour in new[] { 13, 15, 17, 19 })
        {
            await gates.Started(hour).WaitAsync(Guard);
            gates.Release(hour);
        }

        await h.CaughtUpAsync();

        var runs = await CaughtUpRunsAsync(h);
        Assert.Equal([13, 15, 17, 19], runs.Select(r => r.Window.To.Hour));
        Assert.All(runs, r => Assert.Equal(ExecutionStatus.OK, r.Status));
        Assert.Equal([13, 15, 17, 19], gates.Order);
        await h.StopHostAsync();
    }

    [Fact]
    public async Task HostStoppingMidCatchUp_OwesTheOccurrencesNotYetCreated_AtTheNextStart()
    {
        var (store, time) = await ThreeMissedAsync();
        var gates = new Gates();
        await using (var h = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll), time: time, store: store))
        {
            h.Scripts.Set("sales", (run, ct) => gates.RunAsync(run.Window.To.Hour, ct));
            await h.StartHostAsync();
            await gates.Started(13).WaitAsync(Guard);
            await h.StopHostAsync(); // 13:00 is cancelled; 15:00 and 17:00 were never created
        }

        await using var next = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll), time: time, store: store);
        await next.StartHostAsync();
        await next.CaughtUpAsync();

        var runs = await CaughtUpRunsAsync(next);
        Assert.Equal([13, 15, 17], runs.Select(r => r.Window.To.Hour));
        Assert.Equal([ExecutionStatus.Cancelled, ExecutionStatus.OK, ExecutionStatus.OK], runs.Select(r => r.Status));
        Assert.Equal(ExecutionReason.Cancelled, runs[0].Reason);
        await next.StopHostAsync();
    }

    /// <summary>One gate per occurrence hour: a run says it started, then waits to be released.</summary>
    private sealed class Gates
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _started = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _released = new();
        private readonly ConcurrentQueue<int> _order = new();

        public IReadOnlyList<int> Order => [.. _order];

        public Task Started(int hour) => Gate(_started, hour).Task;

        public void Release(int hour) => Gate(_released, hour).TrySetResult();

        public async Task RunAsync(int hour, CancellationToken cancellationToken)
        {
            _order.Enqueue(hour);
            Gate(_started, hour).TrySetResult();
            if (hour > 11)
            {
                await Gate(_released, hour).Task.WaitAsync(cancellationToken);
            }
        }

        private static TaskCompletionSource Gate(ConcurrentDictionary<int, TaskCompletionSource> gates, int hour)
            => gates.GetOrAdd(hour, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
