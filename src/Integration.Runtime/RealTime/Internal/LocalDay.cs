namespace Integration;

/// <summary>A local day of a time zone, as the instants it starts and ends at (23, 24 or 25 hours apart).</summary>
internal readonly record struct LocalDay(DateOnly Date, DateTimeOffset Start, DateTimeOffset End)
{
    public ExecutionWindow Window => new(Start, End);

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public static LocalDay Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        return new LocalDay(date, StartOf(date, zone), StartOf(date.AddDays(1), zone));
    }

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
