using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

public sealed class SchedulerTests
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    private static DateTimeOffset Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Runs a host with one interface on <paramref name="cron"/> from <paramref name="from"/> to <paramref name="until"/>, returning the occurrences it fired.</summary>
    private static async Task<List<DateTimeOffset>> FiredAsync(string cron, string zone, DateTimeOffset from, DateTimeOffset until)
    {
        var time = new FakeTimeProvider(from);
        await using var h = Harness.Create(x => x.AddScheduledInterface<ScriptedConnector>("feed", i => i.Cron(cron, zone).OnOverlap(OverlapPolicy.Allow)), time: time, withSales: false);
        await h.StartHostAsync();
        while (h.Scheduler.NextWake is { } wake && wake < until)
        {
            await h.AdvanceToNextWakeAsync();
        }

        var fired = await h.ExecutionsAsync(e => e.Trigger == ExecutionTrigger.Schedule);
        await h.StopHostAsync();
        return fired.Select(e => e.Window.To).Order().ToList();
    }

    [Fact]
    public async Task EveryTwoHours_InZurich_OverThreeDays_FiresAtExactlyTheExpectedInstants()
    {
        var from = Local(Zurich, 2026, 6, 10, 0) - TimeSpan.FromSeconds(1);
        var until = Local(Zurich, 2026, 6, 13, 0);

        var fired = await FiredAsync("0 */2 * * *", "Europe/Zurich", from, until);

        var expected = Enumerable.Range(0, 3).SelectMany(d => Enumerable.Range(0, 12).Select(h => Local(Zurich, 2026, 6, 10 + d, h * 2))).ToList();
        Assert.Equal(expected, fired);
        Assert.All(fired, f => Assert.Equal(TimeSpan.Zero, f.Offset));
    }

    [Fact]
    public async Task ScheduledExecutions_HaveConsecutiveWindows_ThatStrictlyAdvance()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var h = Harness.Create(time: time);
        await h.StartHostAsync();
        for (var i = 0; i < 10; i++)
        {
            await h.AdvanceToNextWakeAsync();
        }

        var windows = (await h.ExecutionsAsync(e => e.Trigger == ExecutionTrigger.Schedule)).Select(e => e.Window).ToList();
        Assert.Equal(10, windows.Count);
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.True(windows[i].To > windows[i - 1].To);
            Assert.Equal(windows[i - 1].To, windows[i].From);
            Assert.Equal(TimeSpan.FromHours(2), windows[i].Length);
        }
    }

    [Theory]
    [InlineData("Europe/Zurich", 2026, 3, 29, "0 */2 * * *", 12)] // spring forward: 02:00 does not exist, runs at 03:00
    [InlineData("Europe/Zurich", 2026, 3, 29, "30 2 * * *", 1)] // fixed time in the gap: once, at the end of the gap
    [InlineData("Europe/Zurich", 2026, 3, 29, "0 * * * *", 23)]
    [InlineData("Europe/Zurich", 2026, 10, 25, "0 */2 * * *", 13)] // fall back: the interval fires in both passes of 02:00
    [InlineData("Europe/Zurich", 2026, 10, 25, "30 2 * * *", 1)] // fixed time in the repeated hour: once
    [InlineData("Europe/Zurich", 2026, 10, 25, "0 * * * *", 25)]
    [InlineData("America/New_York", 2026, 3, 8, "0 */2 * * *", 12)]
    [InlineData("America/New_York", 2026, 3, 8, "30 2 * * *", 1)]
    [InlineData("America/New_York", 2026, 11, 1, "0 * * * *", 25)] // 01:00 repeated: both passes
    [InlineData("America/New_York", 2026, 11, 1, "30 1 * * *", 1)]
    [InlineData("America/New_York", 2026, 11, 1, "*/30 1 * * *", 4)]
    public async Task AcrossDaylightSavingChanges_FiresTheCronosOccurrences(string zoneId, int year, int month, int day, string cron, int expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var from = Local(zone, year, month, day, 0) - TimeSpan.FromSeconds(1);
        var until = Local(zone, year, month, day + 1, 0) - TimeSpan.FromSeconds(1);

        var fired = await FiredAsync(cron, zoneId, from, until);

        Assert.Equal(expected, fired.Count);
        var cronos = Cronos.CronExpression.Parse(cron).GetOccurrences(from, until, zone, fromInclusive: false, toInclusive: true).ToList();
        Assert.Equal(cronos, fired);
        Assert.Equal(fired.Distinct().Count(), fired.Count);
    }

    [Fact]
    public async Task WithNoScheduleDue_SetsOneTimer_AndDoesNoWorkUntilItFires()
    {
        var clock = new CountingTimeProvider(new FakeTimeProvider(Harness.Start));
        await using var h = Harness.Create(time: clock);
        await h.StartHostAsync();
        var generation = h.Scheduler.Generation;
        var wake = h.Scheduler.NextWake;

        h.Time.Advance(TimeSpan.FromMinutes(29));

        // The scheduler's one timer is due at the next occurrence (11:00, 90 minutes on); the lease sweeper has its own.
        Assert.Single(clock.DueTimes, d => d == TimeSpan.FromMinutes(90));
        Assert.DoesNotContain(clock.DueTimes, d => d > TimeSpan.FromMinutes(1) && d != TimeSpan.FromMinutes(90));
        Assert.Equal(generation, h.Scheduler.Generation);
        Assert.Equal(wake, h.Scheduler.NextWake);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), wake); // 12:00 in Zurich
        Assert.Empty(await h.ExecutionsAsync());
        await h.StopHostAsync();
    }

    [Theory]
    [InlineData(MisfirePolicy.RunOnce, 1)]
    [InlineData(MisfirePolicy.Skip, 0)]
    [InlineData(MisfirePolicy.RunAll, 3)]
    public async Task HostDownForThreePeriods_RunsWhatTheMisfirePolicySays(MisfirePolicy policy, int expectedRuns)
    {
        var time = new FakeTimeProvider(Harness.Start);
        IExecutionStore store;
        await using (var first = Harness.Create(sales: i => i.OnMisfire(policy), time: time))
        {
            store = first.Store;
            await first.StartHostAsync();
            await first.AdvanceToNextWakeAsync(); // fires 11:00 UTC, 12:00 in Zurich
            await first.StopHostAsync();
        }

        time.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(30)); // 13:00, 15:00 and 17:00 UTC are missed
        await using var second = Harness.Create(sales: i => i.OnMisfire(policy), time: time, store: store);
        await second.StartHostAsync();
        await second.CaughtUpAsync();

        var runs = (await second.ExecutionsAsync(e => e.Trigger == ExecutionTrigger.Schedule)).Skip(1).ToList();
        Assert.Equal(expectedRuns, runs.Count);
        Assert.All(runs, r => Assert.Equal(ExecutionStatus.OK, r.Status));
        Assert.Equal(runs.Count, runs.Select(r => r.Window).Distinct().Count());
        if (policy == MisfirePolicy.RunOnce)
        {
            // The one run owes the whole gap: from the last occurrence that ran to the latest missed one.
            Assert.Equal(new ExecutionWindow(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero)), runs[0].Window);
        }

        if (policy == MisfirePolicy.RunAll)
        {
            Assert.Equal([13, 15, 17], runs.Select(r => r.Window.To.Hour).Order());
            Assert.All(runs, r => Assert.Equal(TimeSpan.FromHours(2), r.Window.Length));
        }

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 19, 0, 0, TimeSpan.Zero), second.Scheduler.NextWake);
        await second.StopHostAsync();
    }

    [Fact]
    public async Task RunAll_IsCappedToTheLatestOccurrences()
    {
        var time = new FakeTimeProvider(Harness.Start);
        IExecutionStore store;
        await using (var first = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll, maxRuns: 2), time: time))
        {
            store = first.Store;
            await first.StartHostAsync();
            await first.AdvanceToNextWakeAsync();
            await first.StopHostAsync();
        }

        time.Advance(TimeSpan.FromHours(10));
        await using var second = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll, maxRuns: 2), time: time, store: store);
        await second.StartHostAsync();
        await second.CaughtUpAsync();

        var runs = (await second.ExecutionsAsync(e => e.Trigger == ExecutionTrigger.Schedule)).Skip(1).Select(r => r.Window.To.Hour).Order();
        Assert.Equal([19, 21], runs);
        await second.StopHostAsync();
    }

    [Fact]
    public async Task RestartingTwice_NeverDuplicatesAnOccurrence()
    {
        var time = new FakeTimeProvider(Harness.Start);
        var store = Harness.Create().Store;
        for (var restart = 0; restart < 3; restart++)
        {
            await using var h = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll), time: time, store: store);
            await h.StartHostAsync();
            await h.AdvanceToNextWakeAsync();
            await h.StopHostAsync();
            time.Advance(TimeSpan.FromHours(3));
        }

        await using var last = Harness.Create(sales: i => i.OnMisfire(MisfirePolicy.RunAll), time: time, store: store);
        await last.StartHostAsync();
        await last.StartHostAsync();
        var occurrences = (await last.ExecutionsAsync(e => e.Trigger == ExecutionTrigger.Schedule)).Select(e => e.Window.To).ToList();

        Assert.Equal(occurrences.Distinct().Count(), occurrences.Count);
        Assert.True(occurrences.Count >= 4);
        await last.StopHostAsync();
    }

    [Fact]
    public async Task DisabledSchedule_DoesNotFire_AndOwesNothingWhenEnabledAgain()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var h = Harness.Create(time: time);
        await h.StartHostAsync();

        var generation = h.Scheduler.Generation;
        Assert.True(h.Operations.SetScheduleEnabled("sales", false));
        await h.Scheduler.WaitIdleAsync(generation).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(h.Scheduler.NextWake);
        Assert.False(h.Provider.GetRequiredService<IInterfaceCatalog>().Get("sales").Schedule.Enabled);

        time.Advance(TimeSpan.FromHours(7));
        generation = h.Scheduler.Generation;
        h.Operations.SetScheduleEnabled("sales", true);
        await h.Scheduler.WaitIdleAsync(generation).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(await h.ExecutionsAsync());
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero), h.Scheduler.NextWake);
        await h.AdvanceToNextWakeAsync();
        Assert.Single(await h.ExecutionsAsync());
        await h.StopHostAsync();
    }

    [Fact]
    public async Task NextOccurrences_FollowTheCronInItsTimeZone()
    {
        await using var h = Harness.Create();

        var next = h.Operations.GetNextOccurrences("sales", 3);

        Assert.Equal([11, 13, 15], next.Select(n => n.UtcDateTime.Hour)); // 12:00, 14:00, 16:00 in Zurich
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Operations.GetNextOccurrences("sales", 0));
    }

    [Fact]
    public async Task HostStop_WaitsTheGracePeriod_ForRunningExecutions()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var h = Harness.Create(x => x.Configure(o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(10)), time: time);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", async (_, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
        });
        var finishes = await h.Operations.RunNowAsync("sales");
        await started.Task;

        var stopping = h.StopHostAsync();
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.OK, (await finishes.Completion).Status);
    }
}
