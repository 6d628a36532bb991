using Integration.Storage.Conformance;
using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Tests;

public sealed class SchedulerOutageTests
{
    // Without jitter the back-off is exact: 1, 2, 4, 8, then 8 s (the cap) between attempts.
    private static readonly SchedulerBackoff Exact = new() { Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8), UseJitter = false };

    private static Harness EverySecond(RecordingLoggerProvider log, MisfirePolicy misfire = MisfirePolicy.RunOnce) => Harness.Create(
        x =>
        {
            x.AddScheduledInterface<ScriptedConnector>("feed", i => i.Cron("* * * * * *").OnMisfire(misfire));
            OutageStore.Decorate(x.Services);
            x.Services.AddSingleton(Exact);
            x.Services.AddSingleton<ILoggerProvider>(log);
        },
        withSales: false);

    [Fact]
    public async Task StoreFailingCreates_For30Seconds_IsTriedSixTimes_OnTheBackoff_ThenFiresNormally()
    {
        using var log = new RecordingLoggerProvider();
        await using var h = EverySecond(log);
        var store = h.Provider.GetRequiredService<OutageStore>();
        store.CreatesFail = true;
        await h.StartHostAsync();

        var back = Harness.Start.AddSeconds(30);
        while (h.Scheduler.NextWake is { } wake && wake < back)
        {
            await h.AdvanceToNextWakeAsync();
        }

        // The occurrence of 09:30:01 fails, then the attempts back off: +1, +2, +4, +8, +8 s. Without the back-off
        // the scheduler retried at once, thousands of times, without the clock moving.
        Assert.Equal([1, 2, 4, 8, 16, 24], store.FailedCreates.Select(t => (int)(t - Harness.Start).TotalSeconds));
        Assert.Equal(6, log.Count(701));
        Assert.Equal(Harness.Start.AddSeconds(32), h.Scheduler.NextWake);
        Assert.Empty(await h.ExecutionsAsync());

        store.CreatesFail = false;
        h.Time.SetUtcNow(back);
        await h.AdvanceToNextWakeAsync(); // 09:30:32: the store answers; 32 occurrences are due together
        await h.AllEndedAsync();
        await h.AdvanceToNextWakeAsync(); // 09:30:33 and 09:30:34: ordinary firings
        await h.AllEndedAsync();
        await h.AdvanceToNextWakeAsync();
        await h.AllEndedAsync();

        var executions = await h.ExecutionsAsync();
        Assert.Equal(6, store.FailedCreates.Count);
        Assert.Equal(1, log.Count(702));
        Assert.Equal(3, executions.Count);
        Assert.All(executions, e => Assert.Equal(ExecutionStatus.OK, e.Status));
        Assert.All(executions, e => Assert.Equal(ExecutionTrigger.Schedule, e.Trigger));

        // The misfire policy (RunOnce) ran the outage's occurrences as one execution over the whole gap.
        Assert.Equal(new ExecutionWindow(Harness.Start, Harness.Start.AddSeconds(32)), executions[0].Window);
        Assert.Equal(new ExecutionWindow(Harness.Start.AddSeconds(32), Harness.Start.AddSeconds(33)), executions[1].Window);
        Assert.Equal(new ExecutionWindow(Harness.Start.AddSeconds(33), Harness.Start.AddSeconds(34)), executions[2].Window);
        await h.StopHostAsync();
    }

    [Fact]
    public async Task StoreFailingCreates_WithRunAll_CatchesUpEveryOccurrenceOfTheOutage_EachOk()
    {
        using var log = new RecordingLoggerProvider();
        await using var h = EverySecond(log, MisfirePolicy.RunAll);
        var store = h.Provider.GetRequiredService<OutageStore>();
        store.CreatesFail = true;
        await h.StartHostAsync();
        await h.AdvanceToNextWakeAsync(); // 09:30:01 fails
        Assert.Equal(Harness.Start.AddSeconds(2), h.Scheduler.NextWake);

        store.CreatesFail = false;
        await h.AdvanceToNextWakeAsync(); // 09:30:02: two occurrences due, run one after another
        await h.CaughtUpAsync();

        var executions = (await h.ExecutionsAsync()).OrderBy(e => e.Window.To).ToList();
        Assert.Equal([1, 2], executions.Select(e => (int)(e.Window.To - Harness.Start).TotalSeconds));
        Assert.All(executions, e => Assert.Equal(ExecutionStatus.OK, e.Status));
        Assert.All(executions, e => Assert.Equal(TimeSpan.FromSeconds(1), e.Window.Length));
        Assert.Single(store.FailedCreates);
        await h.StopHostAsync();
    }

    [Fact]
    public async Task StoreFailingQueries_AtStart_BacksOff_AndOwesTheOccurrencesThatPassedMeanwhile()
    {
        using var log = new RecordingLoggerProvider();
        await using var h = EverySecond(log, MisfirePolicy.RunAll);
        var store = h.Provider.GetRequiredService<OutageStore>();
        store.QueriesFail = true;
        await h.StartHostAsync();

        Assert.Equal(1, store.FailedQueries);
        Assert.Equal(Harness.Start.AddSeconds(1), h.Scheduler.NextWake);
        await h.AdvanceToNextWakeAsync(); // 09:30:01 fails again
        Assert.Equal(2, store.FailedQueries);
        Assert.Equal(Harness.Start.AddSeconds(3), h.Scheduler.NextWake);

        store.QueriesFail = false;
        await h.AdvanceToNextWakeAsync(); // 09:30:03: the three occurrences since the host started are owed
        await h.CaughtUpAsync();

        var executions = (await h.ExecutionsAsync()).OrderBy(e => e.Window.To).ToList();
        Assert.Equal([1, 2, 3], executions.Select(e => (int)(e.Window.To - Harness.Start).TotalSeconds));
        Assert.All(executions, e => Assert.Equal(ExecutionStatus.OK, e.Status));
        Assert.Equal(2, log.Count(701));
        await h.StopHostAsync();
    }
}
