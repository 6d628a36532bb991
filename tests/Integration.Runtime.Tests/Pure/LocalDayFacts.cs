namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="LocalDay"/>: the local date an instant falls on in a zone, and the instants that date starts and ends at.
/// A day is 23, 24 or 25 hours long; where a clock change skips midnight the day starts at the end of the gap; a date
/// the zone skipped entirely (Samoa, 30 December 2011) owns no instant. All instants are UTC.
/// </summary>
public sealed class LocalDayFacts
{
    public static TheoryData<string, string, string, string, string, int> Days => new()
    {
        // zone, instant, local date, start, end, hours.
        { "UTC", "2026-03-02 10:00", "2026-03-02", "2026-03-02 00:00", "2026-03-03 00:00", 24 },
        { "UTC", "2026-03-02 00:00", "2026-03-02", "2026-03-02 00:00", "2026-03-03 00:00", 24 },
        { "UTC", "2026-03-02 23:59:59.9999999", "2026-03-02", "2026-03-02 00:00", "2026-03-03 00:00", 24 },

        // Zurich: UTC+1 in winter, UTC+2 in summer; an instant late in the UTC evening is already tomorrow.
        { "Europe/Zurich", "2026-03-02 10:00", "2026-03-02", "2026-03-01 23:00", "2026-03-02 23:00", 24 },
        { "Europe/Zurich", "2026-03-01 23:00", "2026-03-02", "2026-03-01 23:00", "2026-03-02 23:00", 24 },
        { "Europe/Zurich", "2026-03-01 22:59:59.9999999", "2026-03-01", "2026-02-28 23:00", "2026-03-01 23:00", 24 },
        { "Europe/Zurich", "2026-03-29 12:00", "2026-03-29", "2026-03-28 23:00", "2026-03-29 22:00", 23 },
        { "Europe/Zurich", "2026-06-15 12:00", "2026-06-15", "2026-06-14 22:00", "2026-06-15 22:00", 24 },
        { "Europe/Zurich", "2026-10-25 12:00", "2026-10-25", "2026-10-24 22:00", "2026-10-25 23:00", 25 },
        { "Europe/Zurich", "2026-10-25 00:30", "2026-10-25", "2026-10-24 22:00", "2026-10-25 23:00", 25 },
        { "Europe/Zurich", "2026-10-25 01:30", "2026-10-25", "2026-10-24 22:00", "2026-10-25 23:00", 25 },

        // New York: UTC-5 in winter, UTC-4 in summer.
        { "America/New_York", "2026-03-02 03:00", "2026-03-01", "2026-03-01 05:00", "2026-03-02 05:00", 24 },
        { "America/New_York", "2026-03-08 12:00", "2026-03-08", "2026-03-08 05:00", "2026-03-09 04:00", 23 },
        { "America/New_York", "2026-11-01 12:00", "2026-11-01", "2026-11-01 04:00", "2026-11-02 05:00", 25 },

        // Santiago changes at midnight: on 6 September 2026 00:00 (UTC-4) becomes 01:00 (UTC-3), so that day starts at
        // 01:00; on 5 April 2026 00:00 (UTC-3) goes back to 23:00 of 4 April, which repeats an hour.
        { "America/Santiago", "2026-09-05 12:00", "2026-09-05", "2026-09-05 04:00", "2026-09-06 04:00", 24 },
        { "America/Santiago", "2026-09-06 12:00", "2026-09-06", "2026-09-06 04:00", "2026-09-07 03:00", 23 },
        { "America/Santiago", "2026-04-04 12:00", "2026-04-04", "2026-04-04 03:00", "2026-04-05 04:00", 25 },
        { "America/Santiago", "2026-04-05 03:30", "2026-04-04", "2026-04-04 03:00", "2026-04-05 04:00", 25 },

        // Beirut changes at midnight too: 29 March 2026 starts at 01:00 (UTC+3); 24 October 2026 has 25 hours.
        { "Asia/Beirut", "2026-03-29 12:00", "2026-03-29", "2026-03-28 22:00", "2026-03-29 21:00", 23 },
        { "Asia/Beirut", "2026-10-24 12:00", "2026-10-24", "2026-10-23 21:00", "2026-10-24 22:00", 25 },

        // Samoa crossed the date line: 29 December 2011 (UTC-10) was followed by 31 December (UTC+14). The day after
        // the jump is right; the day before it is not (see ADayBeforeADateTheZoneSkipped_EndsWhereTheNextDayStarts).
        { "Pacific/Apia", "2011-12-30 10:00", "2011-12-31", "2011-12-30 10:00", "2011-12-31 10:00", 24 },

        // Zones a whole day apart see the same instant on different dates.
        { "Pacific/Kiritimati", "2026-03-02 10:00", "2026-03-03", "2026-03-02 10:00", "2026-03-03 10:00", 24 },
        { "Pacific/Pago_Pago", "2026-03-02 10:00", "2026-03-01", "2026-03-01 11:00", "2026-03-02 11:00", 24 },

        // A half-hour zone.
        { "Asia/Kolkata", "2026-03-02 18:29", "2026-03-02", "2026-03-01 18:30", "2026-03-02 18:30", 24 },
        { "Asia/Kolkata", "2026-03-02 18:30", "2026-03-03", "2026-03-02 18:30", "2026-03-03 18:30", 24 },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void AnInstant_FallsOnOneLocalDay_WithItsStartAndEnd(string zone, string instant, string date, string start, string end, int hours)
    {
        var day = LocalDay.Of(Times.Utc(instant), Times.Zone(zone));

        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), day.Date);
        Assert.Equal((start, end), (Times.Text(day.Start), Times.Text(day.End)));
        Assert.Equal(TimeSpan.FromHours(hours), day.Window.Length);
        Assert.Equal(new ExecutionWindow(day.Start, day.End), day.Window);
        Assert.True(day.Contains(Times.Utc(instant)));
    }

    // .NET does not report the local times of a base-offset change as invalid (IsInvalidTime sees only daylight-saving
    // gaps), so StartOf(30 December 2011) in Apia is 00:00 at UTC+13, i.e. 2011-12-29 11:00 UTC: 29 December then
    // "ends" one hour after it starts, and an instant later that day is not contained in its own day.
    [Theory]
    [InlineData("2011-12-30 05:00")]
    [InlineData("2011-12-30 09:59:59.9999999")]
    public void ADayBeforeADateTheZoneSkipped_EndsWhereTheNextDayStarts(string instant)
    {
        var day = LocalDay.Of(Times.Utc(instant), Times.Zone("Pacific/Apia"));

        Assert.Equal(new DateOnly(2011, 12, 29), day.Date);
        Assert.Equal(("2011-12-29 10:00", "2011-12-30 10:00"), (Times.Text(day.Start), Times.Text(day.End)));
        Assert.True(day.Contains(Times.Utc(instant)));
    }

    [Theory]
    [InlineData("2026-03-28 22:59:59.9999999", false)]
    [InlineData("2026-03-28 23:00", true)]
    [InlineData("2026-03-29 00:59:59.9999999", true)]
    [InlineData("2026-03-29 01:00", true)]
    [InlineData("2026-03-29 21:59:59.9999999", true)]
    [InlineData("2026-03-29 22:00", false)]
    public void ADay_ContainsItsStart_ButNotItsEnd(string instant, bool contained)
    {
        var day = LocalDay.Of(Times.Utc("2026-03-29 12:00"), Times.Zone("Europe/Zurich"));

        Assert.Equal(contained, day.Contains(Times.Utc(instant)));
    }

    [Theory]
    [InlineData("Europe/Zurich", "2026-01-01", "2027-01-01")]
    [InlineData("America/New_York", "2026-01-01", "2027-01-01")]
    [InlineData("America/Santiago", "2026-01-01", "2027-01-01")]
    [InlineData("Asia/Beirut", "2026-01-01", "2027-01-01")]
    public void ConsecutiveDays_TileTime_WithoutGapOrOverlap(string zone, string from, string to)
        => AssertTiles(zone, from, to);

    [Theory]
    [InlineData("Pacific/Apia", "2011-12-01", "2012-01-31")]
    public void ConsecutiveDays_TileTime_AcrossTheDateLine(string zone, string from, string to)
        => AssertTiles(zone, from, to);

    private static void AssertTiles(string zone, string from, string to)
    {
        var tz = Times.Zone(zone);
        var day = LocalDay.Of(Times.Utc(from + " 12:00"), tz);
        var last = Times.Utc(to + " 00:00");
        while (day.End < last)
        {
            var next = LocalDay.Of(day.End, tz);

            Assert.Equal(day.End, next.Start);
            Assert.True(next.Date > day.Date);
            Assert.InRange(next.Window.Length, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
            day = next;
        }
    }
}
