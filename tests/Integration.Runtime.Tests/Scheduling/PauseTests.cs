using Integration.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

/// <summary>Persisted pause and resume: honoured by every node's scheduler, across restarts, with an audit trail.</summary>
public sealed class PauseTests
{
    // The sales schedule fires every two hours in Zurich: 11:00, 13:00, 15:00… UTC on 2 March 2026.
    private static readonly DateTimeOffset At11 = new(2026, 3, 2, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset At13 = new(2026, 3, 2, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset At15 = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PausedSchedule_DoesNotFire_AndResume_FiresOnlyTheOccurrenceAfterIt_EvenWithRunAll()
    {
        await using var h = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll, maxRuns: 10));
        await h.StartHostAsync();

        var paused = await PauseAndWaitAsync(h, h, "alice", "supplier closed today");
        Assert.Equal(At11, await h.AdvanceToNextWakeAsync());
        Assert.Equal(At13, await h.AdvanceToNextWakeAsync());
        await h.CaughtUpAsync();
        Assert.Empty(await h.ExecutionsAsync());

        h.Time.SetUtcNow(At13.AddMinutes(30));
        var generation = h.Scheduler.Generation;
        var resumed = await h.Operations.ResumeAsync("sales", "bob");
        await h.Scheduler.WaitIdleAsync(generation).WaitAsync(TimeSpan.FromSeconds(30));
        await h.CaughtUpAsync();
        Assert.Empty(await h.ExecutionsAsync());
        Assert.Equal(At15, await h.AdvanceToNextWakeAsync());
        await h.CaughtUpAsync();

        var run = Assert.Single(await h.ExecutionsAsync());
        Assert.Equal((ExecutionTrigger.Schedule, ExecutionStatus.OK, At15), (run.Trigger, run.Status, run.Window.To));
        Assert.True(paused.Paused);
        Assert.Equal((false, "bob", (DateTimeOffset?)At13.AddMinutes(30)), (resumed.Paused, resumed.ChangedBy, resumed.ChangedAt));
        await h.StopHostAsync();
    }

    [Fact]
    public async Task Pause_IsPersisted_ANewHostOnTheSameStore_DoesNotFire_UntilResumed()
    {
        var time = new FakeTimeProvider(Harness.Start);
        IExecutionStore store;
        await using (var first = Harness.Create(time: time))
        {
            store = first.Store;
            await first.StartHostAsync();
            await first.Operations.PauseAsync("sales", "alice");
            await first.StopHostAsync();
        }

        await using var second = Harness.Create(time: time, store: store);
        await second.StartHostAsync();
        await second.AdvanceToNextWakeAsync();
        await second.AdvanceToNextWakeAsync();
        await second.CaughtUpAsync();
        Assert.Empty(await second.ExecutionsAsync());

        await second.Operations.ResumeAsync("sales", "bob");
        Assert.Equal(At15, await second.AdvanceToNextWakeAsync());
        await second.CaughtUpAsync();

        Assert.Equal(At15, Assert.Single(await second.ExecutionsAsync()).Window.To);
        await second.StopHostAsync();
    }

    [Fact]
    public async Task HostDownDuringPauseAndResume_OwesOnlyTheOccurrencesAfterTheResume()
    {
        var time = new FakeTimeProvider(Harness.Start);
        IExecutionStore store;
        await using (var first = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll, maxRuns: 10), time: time))
        {
            store = first.Store;
            await first.StartHostAsync();
            await first.AdvanceToNextWakeAsync();
            await first.CaughtUpAsync();
            await first.Operations.PauseAsync("sales", "alice");
            await first.StopHostAsync();
        }

        // Resumed at 14:00 from another node while this one is down: 13:00 was paused, 15:00 is a true misfire.
        time.SetUtcNow(At13.AddHours(1));
        await store.SetSchedulePausedAsync("sales", "sales", paused: false, "bob", reason: null);
        time.SetUtcNow(At15.AddMinutes(30));
        await using var second = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll, maxRuns: 10), time: time, store: store);
        await second.StartHostAsync();
        await second.CaughtUpAsync();

        var fired = (await second.ExecutionsAsync(e => e.Trigger == ExecutionTrigger.Schedule)).Select(e => e.Window.To).Order();
        Assert.Equal([At11, At15], fired);
        await second.StopHostAsync();
    }

    [Fact]
    public async Task TwoHostsOnOneStore_PauseOnA_BDoesNotFireAtItsNextPass_AndResumeOnB_FiresOnce()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var a = Harness.Create(time: time);
        await using var b = Harness.Create(time: time, store: a.Store);
        await a.StartHostAsync();
        await b.StartHostAsync();

        await a.Operations.PauseAsync("sales", "alice", "holiday");
        await AdvanceBothAsync(a, b, At11);
        Assert.Empty(await a.ExecutionsAsync());

        await b.Operations.ResumeAsync("sales", "bob");
        await AdvanceBothAsync(a, b, At13);

        var run = Assert.Single(await a.ExecutionsAsync());
        Assert.Equal((ExecutionStatus.OK, At13), (run.Status, run.Window.To));
        var audit = await a.Operations.GetScheduleAuditAsync("sales");
        Assert.Equal([(ScheduleAction.Resumed, "bob"), (ScheduleAction.Paused, "alice")], audit.Select(e => (e.Action, e.Actor)));
    }

    [Fact]
    public async Task RunNow_AndRerun_StillWork_WhilePaused()
    {
        await using var h = Harness.Create();
        await h.StartHostAsync();
        await h.Operations.PauseAsync("sales");

        var manual = await h.RunNowAsync();
        var rerun = await h.Operations.RerunAsync(manual.Id);
        await rerun.Completion;

        Assert.Equal(ExecutionStatus.OK, manual.Status);
        Assert.Equal(ExecutionStatus.OK, (await h.Operations.GetAsync(rerun.Execution.Id)).Status);
        await h.StopHostAsync();
    }

    [Fact]
    public async Task Pause_OfARealTimeInterface_ThrowsNamingIt_AndOfAnUnknownOne_ThrowsKeyNotFound()
    {
        await using var h = Harness.Create(x => x.AddRealTimeInterface("pricing-api"), withSales: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Operations.PauseAsync("pricing-api").AsTask());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => h.Operations.PauseAsync("nope").AsTask());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => h.Operations.GetScheduleAuditAsync("nope").AsTask());

        Assert.Contains("'pricing-api'", error.Message, StringComparison.Ordinal);
        Assert.Contains("real-time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_EscapesControlCharacters_AndCapsActorAndReasonAt200Characters()
    {
        await using var h = Harness.Create();

        var state = await h.Operations.PauseAsync("sales", "eve\u001B[31m\nforged", new string('r', 300));

        Assert.Equal("eve\\u001B[31m\\nforged", state.ChangedBy);
        Assert.Equal(new string('r', 200), state.Reason);
        var entry = Assert.Single(await h.Operations.GetScheduleAuditAsync("sales"));
        Assert.Equal((ScheduleAction.Paused, state.ChangedBy, state.Reason, state.ChangedAt!.Value), (entry.Action, entry.Actor, entry.Reason, entry.At));
        Assert.Equal(Harness.Start, entry.At);
    }

    private static async Task<ScheduleState> PauseAndWaitAsync(Harness on, Harness watched, string actor, string reason)
    {
        var generation = watched.Scheduler.Generation;
        var state = await on.Operations.PauseAsync("sales", actor, reason);
        await watched.Scheduler.WaitIdleAsync(generation).WaitAsync(TimeSpan.FromSeconds(30));
        return state;
    }

    private static async Task AdvanceBothAsync(Harness a, Harness b, DateTimeOffset to)
    {
        var (ga, gb) = (a.Scheduler.Generation, b.Scheduler.Generation);
        a.Time.SetUtcNow(to);
        await Task.WhenAll(a.Scheduler.WaitIdleAsync(ga), b.Scheduler.WaitIdleAsync(gb)).WaitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(a.CaughtUpAsync(), b.CaughtUpAsync());
    }
}
