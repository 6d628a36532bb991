namespace Integration;

/// <summary>A local day of a time zone, as the instants it starts and ends at (23, 24 or 25 hours apart).</summary>
internal readonly record struct LocalDay(DateOnly Date, DateTimeOffset Start, DateTimeOffset End)
{
    public ExecutionWindow Window => new(Start, End);

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public static LocalDay Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var date = DateOf(instant, zone);
        var next = date.AddDays(1);
        var end = StartOf(next, zone);

        // A date the zone skipped whole (Pacific/Apia jumped from 29 to 31 December 2011) has no start of its own: the
        // day before it ends where the next date that exists starts. .NET does not see such a date as invalid time.
        for (var skipped = 0; DateOf(end, zone) != next && skipped < 2; skipped++)
        {
            next = next.AddDays(1);
            end = StartOf(next, zone);
        }

        return new LocalDay(date, StartOf(date, zone), end);
    }

    private static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The first instant of a local date: local midnight, or the end of the gap when a clock change skips midnight.</summary>
    private static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // In a repeated hour, the day starts at the first pass: the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
