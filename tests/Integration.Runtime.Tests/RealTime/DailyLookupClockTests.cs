using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

/// <summary>
/// The daily lookup reads no clock while the open day is far from its end (<see cref="DayEndWatch"/>), yet the day
/// still changes exactly at local midnight: on 23, 24 and 25 hour days, across nodes, and when the wall clock is
/// moved backwards or forwards under the timers.
/// </summary>
public sealed class DailyLookupClockTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData(2026, 3, 29, 23)] // spring forward in Berlin
    [InlineData(2026, 10, 25, 25)] // fall back in Berlin
    [InlineData(2026, 6, 10, 24)]
    public async Task TheLastMillisecondOfTheDay_StaysInIt_AndMidnightOpensTheNext(int year, int month, int day, int hours)
    {
        var start = Local(year, month, day, 10);
        await using var h = Create(new FakeTimeProvider(start));
        var today = await h.Daily.GetCurrentAsync("pricing-api");

        // One jump from 10:00 to the day's last millisecond: only the timers run in between.
        h.Time.SetUtcNow(today.Window.To.AddMilliseconds(-1));
        var lastMillisecond = await h.Daily.GetCurrentAsync("pricing-api");
        h.Time.SetUtcNow(today.Window.To);
        var midnight = await h.Daily.GetCurrentAsync("pricing-api");

        Assert.Equal(hours, today.Window.Length.TotalHours);
        Assert.Equal(today.Id, lastMillisecond.Id);
        Assert.NotEqual(today.Id, midnight.Id);
        Assert.Equal(today.Window.To, midnight.Window.From);
        Assert.Equal(2, (await h.ExecutionsAsync()).Count);
    }

    [Fact]
    public async Task TheLookup_ReadsNoClock_UntilTheDaysLastMinute()
    {
        var clock = new MovableClock(new FakeTimeProvider(Local(2026, 3, 2, 10)));
        await using var services = Build(clock);
        var daily = services.GetRequiredService<IDailyExecutions>();
        var today = await daily.GetCurrentAsync("pricing-api");

        var before = clock.Reads;
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(today.Id, (await daily.GetCurrentAsync("pricing-api")).Id);
        }

        var farFromMidnight = clock.Reads - before;
        clock.Fake.SetUtcNow(today.Window.To - TimeSpan.FromSeconds(30));
        before = clock.Reads;
        Assert.Equal(today.Id, (await daily.GetCurrentAsync("pricing-api")).Id);
        var inTheLastMinute = clock.Reads - before;

        Assert.Equal(0, farFromMidnight);
        Assert.Equal(1, inTheLastMinute);
    }

    [Fact]
    public async Task AWallClockSetBack_KeepsTheOpenDay_AndTheNextDayStillStartsAtMidnight()
    {
        var clock = new MovableClock(new FakeTimeProvider(Local(2026, 3, 3, 0, minute: 0, second: 30)));
        await using var services = Build(clock);
        var daily = services.GetRequiredService<IDailyExecutions>();
        var tuesday = await daily.GetCurrentAsync("pricing-api");

        // The wall clock goes back a minute, to Monday 23:59:30, while the timers keep their own time.
        clock.Offset = TimeSpan.FromMinutes(-1);
        var afterSetBack = await daily.GetCurrentAsync("pricing-api");
        clock.Fake.SetUtcNow(tuesday.Window.To - clock.Offset - TimeSpan.FromMilliseconds(1));
        var lastMillisecond = await daily.GetCurrentAsync("pricing-api");
        clock.Fake.Advance(TimeSpan.FromMilliseconds(1));
        var wednesday = await daily.GetCurrentAsync("pricing-api");

        Assert.Equal(Local(2026, 3, 3, 0), tuesday.Window.From);
        Assert.Equal(tuesday.Id, afterSetBack.Id);
        Assert.Equal(tuesday.Id, lastMillisecond.Id);
        Assert.Equal(tuesday.Window.To, wednesday.Window.From);
        Assert.Equal(tuesday.Window.To, clock.GetUtcNow());
    }

    [Fact]
    public async Task AWallClockSetForward_PastMidnight_OpensTheNextDayWithinAMinute()
    {
        var clock = new MovableClock(new FakeTimeProvider(Local(2026, 3, 2, 22, minute: 30)));
        await using var services = Build(clock);
        var daily = services.GetRequiredService<IDailyExecutions>();
        var monday = await daily.GetCurrentAsync("pricing-api");

        // The wall clock jumps two hours forward, past midnight, without the timers' time moving.
        clock.Offset = TimeSpan.FromHours(2);
        var beforeTheTimerSawIt = await daily.GetCurrentAsync("pricing-api");
        clock.Fake.Advance(DayEndWatch.Lead);
        var aMinuteLater = await daily.GetCurrentAsync("pricing-api");

        Assert.Equal(monday.Id, beforeTheTimerSawIt.Id);
        Assert.NotEqual(monday.Id, aMinuteLater.Id);
        Assert.Equal(monday.Window.To, aMinuteLater.Window.From);
    }

    [Fact]
    public async Task TwoNodes_ChangeDayAtTheSameMidnight()
    {
        var time = new FakeTimeProvider(Local(2026, 3, 2, 10));
        await using var first = Create(time);
        await using var second = Harness.Create(x => x.AddRealTimeInterface("pricing-api", i => i.TimeZone("Europe/Berlin")), time: time, store: first.Store, withSales: false);
        var monday = await first.Daily.GetCurrentAsync("pricing-api");
        Assert.Equal(monday.Id, (await second.Daily.GetCurrentAsync("pricing-api")).Id);

        time.SetUtcNow(monday.Window.To.AddMilliseconds(-1));
        var lastMillisecond = new[] { await first.Daily.GetCurrentAsync("pricing-api"), await second.Daily.GetCurrentAsync("pricing-api") };
        time.SetUtcNow(monday.Window.To);
        var midnight = new[] { await second.Daily.GetCurrentAsync("pricing-api"), await first.Daily.GetCurrentAsync("pricing-api") };

        Assert.All(lastMillisecond, e => Assert.Equal(monday.Id, e.Id));
        Assert.Single(midnight.Select(e => e.Id).Distinct());
        Assert.NotEqual(monday.Id, midnight[0].Id);
        Assert.Equal(2, (await first.ExecutionsAsync()).Count);
    }

    [Fact]
    public async Task ADayOpenedInItsLastMinute_ReadsTheClockAtOnce()
    {
        var time = new FakeTimeProvider(Local(2026, 3, 2, 23, minute: 59, second: 30));
        using var watch = new DayEndWatch(time, Local(2026, 3, 3, 0));
        using var farWatch = new DayEndWatch(time, Local(2026, 3, 3, 0).AddMinutes(2));

        Assert.True(watch.Ending);
        Assert.False(farWatch.Ending);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(farWatch.Ending);

        // Its timer reads the clock once a minute: one of its reads falls in the day's last minute.
        time.Advance(TimeSpan.FromSeconds(90));
        Assert.True(farWatch.Ending);
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0, int second = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUniversalTime();
    }

    private static Harness Create(FakeTimeProvider time)
        => Harness.Create(x => x.AddRealTimeInterface("pricing-api", i => i.TimeZone("Europe/Berlin")), time: time, withSales: false);

    private static ServiceProvider Build(TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddExecutions(x => x.UseInMemoryStore().AddRealTimeInterface("pricing-api", i => i.TimeZone("Europe/Berlin")));
        return services.BuildServiceProvider();
    }

    /// <summary>A wall clock that can be moved (<see cref="Offset"/>) apart from the timers' time, and counts its reads.</summary>
    private sealed class MovableClock(FakeTimeProvider fake) : TimeProvider
    {
        private int _reads;

        public FakeTimeProvider Fake { get; } = fake;

        public TimeSpan Offset { get; set; }

        public int Reads => Volatile.Read(ref _reads);

        public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Increment(ref _reads);
            return Fake.GetUtcNow() + Offset;
        }

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => Fake.CreateTimer(callback, state, dueTime, period);
    }
}
