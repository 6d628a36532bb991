using Integration.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

public sealed class DailyExecutionsTests
{
    private static Harness Create(string zone = "Europe/Berlin", DateTimeOffset? start = null)
        => Harness.Create(
            x => x.AddRealTimeInterface("pricing-api", i => i.Type(InterfaceType.PublicWebServices).TimeZone(zone)),
            time: new FakeTimeProvider(start ?? Harness.Start),
            withSales: false);

    [Fact]
    public async Task FirstCallOfTheDay_CreatesTheDailyExecution_WithItsLocalDayAsWindow()
    {
        await using var h = Create();

        var daily = await h.Daily.GetCurrentAsync("pricing-api");

        Assert.Equal(ExecutionKind.Daily, daily.Kind);
        Assert.Equal(ExecutionTrigger.Call, daily.Trigger);
        Assert.Equal("pricing-api_daily", daily.ScheduleId);
        Assert.Equal(ExecutionStatus.Running, daily.Status);
        // 2026-03-02 in Berlin (CET, UTC+1): from 23:00 UTC the day before.
        Assert.Equal(new ExecutionWindow(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero)), daily.Window);
        Assert.Equal(daily, await h.Daily.GetCurrentAsync("pricing-api"));
    }

    [Fact]
    public async Task SixtyFourConcurrentFirstCallers_GetOneExecution()
    {
        await using var h = Create();
        using var barrier = new Barrier(64);

        var ids = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Factory.StartNew(
            async () =>
            {
                barrier.SignalAndWait();
                return (await h.Daily.GetCurrentAsync("pricing-api")).Id;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()));

        Assert.Single(ids.Distinct());
        Assert.Single(await h.ExecutionsAsync());
    }

    [Fact]
    public async Task TwoNodesSharingAStore_OpenOneDailyExecutionPerDay()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var first = Harness.Create(x => x.AddRealTimeInterface("pricing-api"), time: time, withSales: false);
        await using var second = Harness.Create(x => x.AddRealTimeInterface("pricing-api"), time: time, store: first.Store, withSales: false);

        var ids = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () => (await (i % 2 == 0 ? first : second).Daily.GetCurrentAsync("pricing-api")).Id)));

        Assert.Single(ids.Distinct());
    }

    [Theory]
    [InlineData(2026, 3, 29, 23)] // spring forward in Berlin
    [InlineData(2026, 10, 25, 25)] // fall back in Berlin
    [InlineData(2026, 6, 10, 24)]
    public async Task OneDailyExecutionPerLocalDate_AcrossDaylightSavingDays(int year, int month, int day, int hours)
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var dayBefore = new DateTime(year, month, day, 22, 0, 0, DateTimeKind.Unspecified).AddDays(-1);
        var start = new DateTimeOffset(dayBefore, berlin.GetUtcOffset(dayBefore));
        await using var h = Create(start: start);

        var seen = new List<Execution>();
        for (var t = start; t < start.AddHours(30); t = t.AddMinutes(20))
        {
            h.Time.SetUtcNow(t);
            seen.Add(await h.Daily.GetCurrentAsync("pricing-api"));
        }

        var days = seen.DistinctBy(e => e.Id).ToList();
        Assert.Equal(3, days.Count);
        Assert.Equal(hours, days[1].Window.Length.TotalHours);
        Assert.Equal(days[0].Window.To, days[1].Window.From);
        Assert.Equal(days[1].Window.To, days[2].Window.From);
        Assert.All(seen, e => Assert.Contains(days, d => d.Id == e.Id));
        Assert.Equal(3, (await h.ExecutionsAsync()).Count);
    }

    [Fact]
    public async Task OpeningANewDay_ClosesThePreviousDay_KoWhenItHasErrors()
    {
        await using var h = Create();
        var monday = await h.Daily.GetCurrentAsync("pricing-api");
        await Assert.ThrowsAsync<ExternalSystemException>(() => h.Calls.CallAsync("pricing-api", "GET /prices/42", (_, _) => Task.FromException(new ExternalSystemException("503"))));

        h.Time.Advance(TimeSpan.FromDays(1));
        var tuesday = await h.Daily.GetCurrentAsync("pricing-api");
        h.Time.Advance(TimeSpan.FromDays(1));
        await h.Daily.GetCurrentAsync("pricing-api");

        var closedMonday = await h.Store.GetAsync(monday.Id);
        var closedTuesday = await h.Store.GetAsync(tuesday.Id);
        Assert.Equal(ExecutionStatus.KO, closedMonday!.Status);
        Assert.Equal(ExecutionReason.Error, closedMonday.Reason);
        Assert.Equal(1, closedMonday.Errors.External);
        Assert.Equal(ExecutionStatus.OK, closedTuesday!.Status);
        Assert.NotEqual(monday.Id, tuesday.Id);
    }

    [Fact]
    public async Task SchedulerSweep_ClosesYesterday_WhenNoCallCame()
    {
        await using var h = Create();
        var monday = await h.Daily.GetCurrentAsync("pricing-api");
        await h.StartHostAsync();

        var wake = await h.AdvanceToNextWakeAsync();

        Assert.Equal(monday.Window.To, wake);
        var closed = await h.Store.GetAsync(monday.Id);
        Assert.Equal(ExecutionStatus.OK, closed!.Status);
        Assert.Single(await h.ExecutionsAsync());
        await h.StopHostAsync();
    }

    [Fact]
    public async Task SchedulerStart_ClosesDailyExecutionsLeftOpenByAStoppedHost()
    {
        var time = new FakeTimeProvider(Harness.Start);
        await using var first = Harness.Create(x => x.AddRealTimeInterface("pricing-api"), time: time, withSales: false);
        var monday = await first.Daily.GetCurrentAsync("pricing-api");
        time.Advance(TimeSpan.FromDays(3));

        await using var second = Harness.Create(x => x.AddRealTimeInterface("pricing-api"), time: time, store: first.Store, withSales: false);
        await second.StartHostAsync();

        Assert.Equal(ExecutionStatus.OK, (await second.Store.GetAsync(monday.Id))!.Status);
        await second.StopHostAsync();
    }

    [Fact]
    public async Task UnknownInterface_IsNamed()
    {
        await using var h = Create();

        var e = await Assert.ThrowsAsync<KeyNotFoundException>(async () => await h.Daily.GetCurrentAsync("nope"));

        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledInterface_HasNoDailyExecution()
    {
        await using var h = Harness.Create();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await h.Daily.GetCurrentAsync("sales"));

        Assert.Contains("'sales' is scheduled", e.Message, StringComparison.Ordinal);
    }
}
