namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="MisfirePlanner.Plan"/>: one occurrence due is an ordinary firing whatever the policy; several due, or any
/// due at start-up (<c>missedOnly</c>), are a misfire the policy decides. Each run is written as its window
/// "from → to"; its occurrence is always the window's end. Instants are UTC.
/// </summary>
public sealed class MisfirePlannerFacts
{
    private const string Hourly = "0 * * * *";
    private const string TwoHourly = "0 */2 * * *";

    public static TheoryData<MisfirePolicy, int, string, string[], bool, string[]> Plans => new()
    {
        // Nothing due: nothing to run, whatever the policy or the moment.
        { MisfirePolicy.RunOnce, 24, Hourly, [], false, [] },
        { MisfirePolicy.RunOnce, 24, Hourly, [], true, [] },
        { MisfirePolicy.Skip, 24, Hourly, [], true, [] },
        { MisfirePolicy.RunAll, 24, Hourly, [], true, [] },

        // One due while running: an ordinary firing, even under Skip.
        { MisfirePolicy.RunOnce, 24, Hourly, ["2026-03-02 11:00"], false, ["2026-03-02 10:00 → 2026-03-02 11:00"] },
        { MisfirePolicy.Skip, 24, Hourly, ["2026-03-02 11:00"], false, ["2026-03-02 10:00 → 2026-03-02 11:00"] },
        { MisfirePolicy.RunAll, 24, Hourly, ["2026-03-02 11:00"], false, ["2026-03-02 10:00 → 2026-03-02 11:00"] },
        { MisfirePolicy.RunAll, 1, Hourly, ["2026-03-02 11:00"], false, ["2026-03-02 10:00 → 2026-03-02 11:00"] },

        // One due at start-up: it was missed while the host was down, so the policy decides.
        { MisfirePolicy.RunOnce, 24, Hourly, ["2026-03-02 11:00"], true, ["2026-03-02 10:00 → 2026-03-02 11:00"] },
        { MisfirePolicy.Skip, 24, Hourly, ["2026-03-02 11:00"], true, [] },
        { MisfirePolicy.RunAll, 24, Hourly, ["2026-03-02 11:00"], true, ["2026-03-02 10:00 → 2026-03-02 11:00"] },

        // Three due: RunOnce runs the latest with a window reaching back to the last run; Skip runs none; RunAll each.
        { MisfirePolicy.RunOnce, 24, Hourly, ["2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 13:00"], false, ["2026-03-02 10:00 → 2026-03-02 13:00"] },
        { MisfirePolicy.RunOnce, 24, Hourly, ["2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 13:00"], true, ["2026-03-02 10:00 → 2026-03-02 13:00"] },
        { MisfirePolicy.Skip, 24, Hourly, ["2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 13:00"], false, [] },
        { MisfirePolicy.Skip, 24, Hourly, ["2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 13:00"], true, [] },
        {
            MisfirePolicy.RunAll, 24, Hourly, ["2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 13:00"], false,
            ["2026-03-02 10:00 → 2026-03-02 11:00", "2026-03-02 11:00 → 2026-03-02 12:00", "2026-03-02 12:00 → 2026-03-02 13:00"]
        },

        // The cap keeps the latest occurrences.
        {
            MisfirePolicy.RunAll, 3, Hourly, ["2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 13:00"], true,
            ["2026-03-02 10:00 → 2026-03-02 11:00", "2026-03-02 11:00 → 2026-03-02 12:00", "2026-03-02 12:00 → 2026-03-02 13:00"]
        },
        { MisfirePolicy.RunAll, 2, Hourly, ["2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 13:00"], true, ["2026-03-02 11:00 → 2026-03-02 12:00", "2026-03-02 12:00 → 2026-03-02 13:00"] },
        { MisfirePolicy.RunAll, 1, Hourly, ["2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 13:00"], true, ["2026-03-02 12:00 → 2026-03-02 13:00"] },

        // Windows follow the cron, not the spacing of the due list.
        { MisfirePolicy.RunOnce, 24, TwoHourly, ["2026-03-02 12:00", "2026-03-02 14:00", "2026-03-02 16:00"], true, ["2026-03-02 10:00 → 2026-03-02 16:00"] },
        {
            MisfirePolicy.RunAll, 24, TwoHourly, ["2026-03-02 12:00", "2026-03-02 14:00", "2026-03-02 16:00"], true,
            ["2026-03-02 10:00 → 2026-03-02 12:00", "2026-03-02 12:00 → 2026-03-02 14:00", "2026-03-02 14:00 → 2026-03-02 16:00"]
        },
        { MisfirePolicy.RunOnce, 24, "0 9,17 * * *", ["2026-03-02 17:00", "2026-03-03 09:00"], false, ["2026-03-02 09:00 → 2026-03-03 09:00"] },
        { MisfirePolicy.RunAll, 24, "0 9,17 * * *", ["2026-03-02 17:00", "2026-03-03 09:00"], false, ["2026-03-02 09:00 → 2026-03-02 17:00", "2026-03-02 17:00 → 2026-03-03 09:00"] },

        // Over a weekend: a weekday schedule's window reaches back to Friday.
        { MisfirePolicy.RunOnce, 24, "0 9 * * 1-5", ["2026-03-02 09:00"], true, ["2026-02-27 09:00 → 2026-03-02 09:00"] },

        // With seconds.
        { MisfirePolicy.RunAll, 24, "*/20 * * * * *", ["2026-03-02 11:00:20", "2026-03-02 11:00:40"], false, ["2026-03-02 11:00 → 2026-03-02 11:00:20", "2026-03-02 11:00:20 → 2026-03-02 11:00:40"] },
        { MisfirePolicy.RunOnce, 24, "*/20 * * * * *", ["2026-03-02 11:00:20", "2026-03-02 11:00:40"], false, ["2026-03-02 11:00 → 2026-03-02 11:00:40"] },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void DueOccurrences_GiveTheRunsThePolicyOwes(MisfirePolicy policy, int cap, string cron, string[] due, bool missedOnly, string[] runs)
    {
        var schedule = new ScheduleDefinition { Id = "sales", Cron = cron, MisfirePolicy = policy, MaxMisfireRuns = cap };

        var planned = MisfirePlanner.Plan(CronSchedule.Parse("sales", cron, TimeZoneInfo.Utc), schedule, [.. due.Select(Times.Utc)], missedOnly);

        Assert.Equal(runs, planned.Select(r => Times.Text(r.Window)));
        Assert.All(planned, r => Assert.Equal(r.Window.To, r.Occurrence));
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void DueOccurrences_GiveTheSameRuns_WhenTheLastRunIsGiven(MisfirePolicy policy, int cap, string cron, string[] due, bool missedOnly, string[] runs)
    {
        var schedule = new ScheduleDefinition { Id = "sales", Cron = cron, MisfirePolicy = policy, MaxMisfireRuns = cap };
        var cronSchedule = CronSchedule.Parse("sales", cron, TimeZoneInfo.Utc);
        var occurrences = due.Select(Times.Utc).ToList();
        var lastRun = occurrences.Count == 0 ? Times.Utc("2026-03-02 00:00") : cronSchedule.WindowOf(occurrences[0]).From;

        // The occurrence run last (the scheduler's hint), and an instant that is not an occurrence: the same runs.
        foreach (var hint in new DateTimeOffset?[] { lastRun, lastRun.AddSeconds(-1) })
        {
            var planned = MisfirePlanner.Plan(cronSchedule, schedule, occurrences, missedOnly, hint);

            Assert.Equal(runs, planned.Select(r => Times.Text(r.Window)));
        }
    }

    [Fact]
    public void RunAll_UnderTheDefaultCap_KeepsTheLatest24OfAMissedDay()
    {
        var due = Enumerable.Range(1, 48).Select(h => Times.Utc("2026-03-01 00:00").AddHours(h)).ToList();
        var schedule = new ScheduleDefinition { Id = "sales", Cron = Hourly, MisfirePolicy = MisfirePolicy.RunAll };

        var planned = MisfirePlanner.Plan(CronSchedule.Parse("sales", Hourly, TimeZoneInfo.Utc), schedule, due, missedOnly: true);

        Assert.Equal(ScheduleDefinition.DefaultMaxMisfireRuns, planned.Count);
        Assert.Equal(("2026-03-02 01:00", "2026-03-03 00:00"), (Times.Text(planned[0].Occurrence), Times.Text(planned[^1].Occurrence)));
    }

    [Theory]
    [InlineData(MisfirePolicy.RunOnce, "2026-03-28 23:00 → 2026-03-30 22:00")]
    [InlineData(MisfirePolicy.RunAll, "2026-03-28 23:00 → 2026-03-29 22:00|2026-03-29 22:00 → 2026-03-30 22:00")]
    public void InAZoneWithDaylightSaving_MissedDailyRuns_CoverTheWholeLocalDays(MisfirePolicy policy, string runs)
    {
        // Midnight in Zurich on 30 and 31 March 2026, the first two days after the clocks went forward.
        var cron = CronSchedule.Parse("sales", "0 0 * * *", Times.Zone("Europe/Zurich"));
        var schedule = new ScheduleDefinition { Id = "sales", Cron = "0 0 * * *", TimeZoneId = "Europe/Zurich", MisfirePolicy = policy };

        var planned = MisfirePlanner.Plan(cron, schedule, [Times.Utc("2026-03-29 22:00"), Times.Utc("2026-03-30 22:00")], missedOnly: true);

        Assert.Equal(runs.Split('|'), planned.Select(r => Times.Text(r.Window)));
    }
}
