namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="CronSchedule"/>: occurrences and windows as a pure function of (expression, instant, zone), with
/// Cronos's daylight-saving rules: an occurrence in a skipped hour fires at the end of the gap; in a repeated hour a
/// fixed time fires once (at its first pass) and an hour wildcard fires in both passes. All instants are UTC.
/// Zurich changes on 29 March and 25 October 2026 (at 02:00 → 03:00 and 03:00 → 02:00 local); New York on 8 March
/// and 1 November 2026 (02:00 → 03:00 and 02:00 → 01:00 local).
/// </summary>
public sealed class CronScheduleFacts
{
    private const string Zurich = "Europe/Zurich";
    private const string NewYork = "America/New_York";
    private const string Utc = "UTC";

    public static TheoryData<string, string, string, string?> NextOccurrences => new()
    {
        { "0 * * * *", Utc, "2026-03-02 10:00", "2026-03-02 11:00" },
        { "0 * * * *", Utc, "2026-03-02 10:59:59.9999999", "2026-03-02 11:00" },
        { "0 * * * *", Utc, "2026-03-02 10:00:00.0000001", "2026-03-02 11:00" },
        { "*/15 * * * *", Utc, "2026-03-02 10:07", "2026-03-02 10:15" },
        { "0 0 1 * *", Utc, "2026-02-15 00:00", "2026-03-01 00:00" },
        { "0 0 29 2 *", Utc, "2026-03-01 00:00", "2028-02-29 00:00" },
        { "0 9 * * 1-5", Utc, "2026-02-27 09:00", "2026-03-02 09:00" },

        // Seconds (six fields).
        { "30 * * * * *", Utc, "2026-03-02 10:00", "2026-03-02 10:00:30" },
        { "30 * * * * *", Utc, "2026-03-02 10:00:30", "2026-03-02 10:01:30" },
        { "*/10 * * * * *", Utc, "2026-03-02 10:00:55", "2026-03-02 10:01" },
        { "0 0 12 * * *", Utc, "2026-03-02 10:00", "2026-03-02 12:00" },

        // Read in the zone: 12:00 in Zurich is 11:00 UTC in winter, 10:00 UTC in summer.
        { "0 12 * * *", Zurich, "2026-03-02 00:00", "2026-03-02 11:00" },
        { "0 12 * * *", Zurich, "2026-06-02 00:00", "2026-06-02 10:00" },
        { "0 12 * * *", NewYork, "2026-03-02 00:00", "2026-03-02 17:00" },
        { "0 12 * * *", NewYork, "2026-06-02 00:00", "2026-06-02 16:00" },

        // Spring forward: 02:30 does not exist; it fires at the end of the gap, 03:00 local.
        { "30 2 * * *", Zurich, "2026-03-28 12:00", "2026-03-29 01:00" },
        { "30 2 * * *", NewYork, "2026-03-07 12:00", "2026-03-08 07:00" },
        { "0 * * * *", Zurich, "2026-03-29 00:00", "2026-03-29 01:00" },

        // Fall back: a fixed 02:30 (Zurich) or 01:30 (New York) fires once, at its first pass.
        { "30 2 * * *", Zurich, "2026-10-24 12:00", "2026-10-25 00:30" },
        { "30 2 * * *", Zurich, "2026-10-25 00:30", "2026-10-26 01:30" },
        { "30 1 * * *", NewYork, "2026-10-31 12:00", "2026-11-01 05:30" },
        { "30 1 * * *", NewYork, "2026-11-01 05:30", "2026-11-02 06:30" },

        // Fall back: an hour wildcard fires in both passes of the repeated hour.
        { "30 * * * *", Zurich, "2026-10-25 00:30", "2026-10-25 01:30" },
        { "30 * * * *", NewYork, "2026-11-01 05:30", "2026-11-01 06:30" },
    };

    [Theory]
    [MemberData(nameof(NextOccurrences))]
    public void TheNextOccurrence_IsStrictlyAfter_InTheScheduleZone(string cron, string zone, string after, string? next)
    {
        var schedule = CronSchedule.Parse("sales", cron, Times.Zone(zone));

        var occurrence = schedule.GetNextOccurrence(Times.Utc(after));

        Assert.Equal(next, occurrence is { } o ? Times.Text(o) : null);
        Assert.Equal(TimeSpan.Zero, occurrence?.Offset ?? TimeSpan.Zero);
    }

    public static TheoryData<string, string, string, string, string[]> Occurrences => new()
    {
        // (after, until]: the start is left out, the end kept.
        { "0 * * * *", Utc, "2026-03-02 10:00", "2026-03-02 13:00", ["2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 13:00"] },
        { "0 * * * *", Utc, "2026-03-02 10:00", "2026-03-02 10:59", [] },
        { "0 * * * *", Utc, "2026-03-02 10:00", "2026-03-02 10:00", [] },
        { "*/20 * * * * *", Utc, "2026-03-02 10:00", "2026-03-02 10:01", ["2026-03-02 10:00:20", "2026-03-02 10:00:40", "2026-03-02 10:01"] },

        // Spring forward: 02:00 local does not exist; the hourly schedule's 02:00 merges with 03:00.
        { "0 * * * *", Zurich, "2026-03-29 00:00", "2026-03-29 03:00", ["2026-03-29 01:00", "2026-03-29 02:00", "2026-03-29 03:00"] },
        { "30 2 * * *", Zurich, "2026-03-28 00:00", "2026-03-31 00:00", ["2026-03-28 01:30", "2026-03-29 01:00", "2026-03-30 00:30"] },
        { "0 * * * *", NewYork, "2026-03-08 05:00", "2026-03-08 08:00", ["2026-03-08 06:00", "2026-03-08 07:00", "2026-03-08 08:00"] },

        // Fall back: the hour wildcard fires twice in the repeated hour, the fixed time once.
        {
            "0,30 * * * *", Zurich, "2026-10-25 00:00", "2026-10-25 02:00",
            ["2026-10-25 00:30", "2026-10-25 01:00", "2026-10-25 01:30", "2026-10-25 02:00"]
        },
        { "30 2 * * *", Zurich, "2026-10-24 00:00", "2026-10-27 00:00", ["2026-10-24 00:30", "2026-10-25 00:30", "2026-10-26 01:30"] },
        { "0 * * * *", NewYork, "2026-11-01 04:00", "2026-11-01 07:00", ["2026-11-01 05:00", "2026-11-01 06:00", "2026-11-01 07:00"] },
    };

    [Theory]
    [MemberData(nameof(Occurrences))]
    public void Occurrences_AreThoseAfterTheStart_UpToAndIncludingTheEnd(string cron, string zone, string after, string until, string[] expected)
    {
        var schedule = CronSchedule.Parse("sales", cron, Times.Zone(zone));

        Assert.Equal(expected, schedule.GetOccurrences(Times.Utc(after), Times.Utc(until)).Select(Times.Text));
    }

    public static TheoryData<string, string, string, string> Windows => new()
    {
        // The window of an occurrence runs from the previous occurrence to it.
        { "0 * * * *", Utc, "2026-03-02 11:00", "2026-03-02 10:00 → 2026-03-02 11:00" },
        { "*/15 * * * *", Utc, "2026-03-02 11:00", "2026-03-02 10:45 → 2026-03-02 11:00" },
        { "0 9,17 * * *", Utc, "2026-03-02 09:00", "2026-03-01 17:00 → 2026-03-02 09:00" },
        { "0 9 * * 1-5", Utc, "2026-03-02 09:00", "2026-02-27 09:00 → 2026-03-02 09:00" },

        // The look-back widens: a month, a year, a leap day four years back.
        { "0 0 1 * *", Utc, "2026-03-01 00:00", "2026-02-01 00:00 → 2026-03-01 00:00" },
        { "0 0 1 1 *", Utc, "2027-01-01 00:00", "2026-01-01 00:00 → 2027-01-01 00:00" },
        { "0 0 29 2 *", Utc, "2028-02-29 00:00", "2024-02-29 00:00 → 2028-02-29 00:00" },

        // Seconds.
        { "*/15 * * * * *", Utc, "2026-03-02 10:00:15", "2026-03-02 10:00 → 2026-03-02 10:00:15" },
        { "30 * * * * *", Utc, "2026-03-02 10:01:30", "2026-03-02 10:00:30 → 2026-03-02 10:01:30" },

        // A daily schedule at local midnight: its window is the local day, 23 or 25 hours at a change.
        { "0 0 * * *", Zurich, "2026-03-29 22:00", "2026-03-28 23:00 → 2026-03-29 22:00" },
        { "0 0 * * *", Zurich, "2026-03-30 22:00", "2026-03-29 22:00 → 2026-03-30 22:00" },
        { "0 0 * * *", Zurich, "2026-10-25 23:00", "2026-10-24 22:00 → 2026-10-25 23:00" },
        { "0 0 * * *", NewYork, "2026-03-09 04:00", "2026-03-08 05:00 → 2026-03-09 04:00" },
        { "0 0 * * *", NewYork, "2026-11-02 05:00", "2026-11-01 04:00 → 2026-11-02 05:00" },

        // Occurrences shifted out of the gap or fired once in the repeated hour.
        { "30 2 * * *", NewYork, "2026-03-08 07:00", "2026-03-07 07:30 → 2026-03-08 07:00" },
        { "30 2 * * *", NewYork, "2026-03-09 06:30", "2026-03-08 07:00 → 2026-03-09 06:30" },
        { "30 1 * * *", NewYork, "2026-11-02 06:30", "2026-11-01 05:30 → 2026-11-02 06:30" },
        { "30 * * * *", Zurich, "2026-10-25 01:30", "2026-10-25 00:30 → 2026-10-25 01:30" },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void TheWindowOfAnOccurrence_StartsAtThePreviousOccurrence(string cron, string zone, string occurrence, string window)
    {
        var schedule = CronSchedule.Parse("sales", cron, Times.Zone(zone));

        Assert.Equal(window, Times.Text(schedule.WindowOf(Times.Utc(occurrence))));
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void TheWindowOfAnOccurrence_IsTheSame_WhateverInstantIsGivenAsItsLikelyPrevious(string cron, string zone, string occurrence, string window)
    {
        var schedule = CronSchedule.Parse("sales", cron, Times.Zone(zone));
        var at = Times.Utc(occurrence);
        var previous = schedule.WindowOf(at).From;

        // The previous occurrence itself (what the scheduler ran last), and hints that are not it: each gives the same window.
        DateTimeOffset?[] hints = [previous, null, previous.AddSeconds(-1), previous.AddSeconds(1), previous.AddTicks(1), at, at.AddHours(1), previous.AddYears(-1), schedule.WindowOf(previous).From];
        Assert.All(hints, hint => Assert.Equal(window, Times.Text(schedule.WindowOf(at, hint))));
    }

    [Theory]
    [InlineData("0 * * * *", Utc, "2026-03-02 10:17", "2026-03-02 10:00 → 2026-03-02 10:17")]
    [InlineData("0 * * * *", Utc, "2026-03-02 10:00", "2026-03-02 09:00 → 2026-03-02 10:00")]
    [InlineData("0 * * * *", Utc, "2026-03-02 10:00:00.0000001", "2026-03-02 10:00 → 2026-03-02 10:00:00.0000001")]
    [InlineData("0 0 * * *", Zurich, "2026-03-29 12:00", "2026-03-28 23:00 → 2026-03-29 12:00")]
    [InlineData("0 0 * * *", Zurich, "2026-10-25 12:00", "2026-10-24 22:00 → 2026-10-25 12:00")]
    [InlineData("*/10 * * * * *", Utc, "2026-03-02 10:00:05", "2026-03-02 10:00 → 2026-03-02 10:00:05")]
    [InlineData("0 0 1 1 *", Utc, "2026-12-31 23:59", "2026-01-01 00:00 → 2026-12-31 23:59")]
    public void TheCurrentWindow_RunsFromTheLatestOccurrenceBeforeNow_ToNow(string cron, string zone, string now, string window)
    {
        var schedule = CronSchedule.Parse("sales", cron, Times.Zone(zone));

        Assert.Equal(window, Times.Text(schedule.CurrentWindow(Times.Utc(now))));
    }

    [Theory]
    [InlineData("0 * * * *", "0 * * * *")]
    [InlineData("  0  *  * * *  ", "  0  *  * * *  ")]
    [InlineData("*/5 * * * * *", "*/5 * * * * *")]
    [InlineData("@daily", "@daily")]
    public void AValidExpression_IsKeptAsWritten(string expression, string text)
        => Assert.Equal(text, CronSchedule.Parse("sales", expression, TimeZoneInfo.Utc).Text);

    [Theory]
    [InlineData("", "Interface 'sales': the cron expression is empty.")]
    [InlineData("   ", "Interface 'sales': the cron expression is empty.")]
    [InlineData("61 * * * *", "Interface 'sales': invalid cron expression '61 * * * *': ")]
    [InlineData("* * * *", "Interface 'sales': invalid cron expression '* * * *': ")]
    [InlineData("* * * * * * *", "Interface 'sales': invalid cron expression '* * * * * * *': ")]
    [InlineData("0 0 30 2 *", "Interface 'sales': cron expression '0 0 30 2 *' never fires.")]
    [InlineData("0 0 31 4 *", "Interface 'sales': cron expression '0 0 31 4 *' never fires.")]
    public void AnInvalidExpression_FailsWithAMessageNamingTheInterface(string expression, string message)
    {
        var failure = Assert.Throws<ArgumentException>(() => CronSchedule.Parse("sales", expression, TimeZoneInfo.Utc));

        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
        Assert.Equal("expression", failure.ParamName);
    }
}
