using Cronos;

namespace Integration;

/// <summary>
/// A cron expression read in a time zone. Occurrence arithmetic is a pure function of (expression, instant, zone),
/// with Cronos's daylight-saving semantics. Instants come out in UTC.
/// </summary>
internal sealed class CronSchedule
{
    // Widening look-back spans for the previous occurrence: the first that holds one wins.
    private static readonly TimeSpan[] LookBack =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(366 * 5),
    ];

    // Any instant works: a Cronos expression has no year field, so it fires from every instant or from none.
    private static readonly DateTimeOffset NeverFiresProbe = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private CronSchedule(string text, CronExpression expression, TimeZoneInfo zone)
    {
        Text = text;
        Expression = expression;
        Zone = zone;
    }

    public string Text { get; }

    public CronExpression Expression { get; }

    public TimeZoneInfo Zone { get; }

    public static CronSchedule Parse(string interfaceId, string expression, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ArgumentException($"Interface '{interfaceId}': the cron expression is empty.", nameof(expression));
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        CronExpression parsed;
        try
        {
            parsed = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw new ArgumentException($"Interface '{interfaceId}': invalid cron expression '{expression}': {e.Message}", nameof(expression), e);
        }

        if (parsed.GetNextOccurrence(NeverFiresProbe, TimeZoneInfo.Utc) is null)
        {
            throw new ArgumentException($"Interface '{interfaceId}': cron expression '{expression}' never fires.", nameof(expression));
        }

        return new CronSchedule(expression, parsed, zone);
    }

    /// <summary>Gets the first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after) => Expression.GetNextOccurrence(after, Zone)?.ToUniversalTime();

    /// <summary>Gets the occurrences in (<paramref name="after"/>, <paramref name="until"/>], in order.</summary>
    public IReadOnlyList<DateTimeOffset> GetOccurrences(DateTimeOffset after, DateTimeOffset until)
    {
        // Next after next, as Cronos's own enumeration does, without its iterator: the scheduler asks at every firing.
        List<DateTimeOffset>? occurrences = null;
        for (var next = GetNextOccurrence(after); next is { } occurrence && occurrence <= until; next = GetNextOccurrence(occurrence))
        {
            (occurrences ??= new List<DateTimeOffset>(1)).Add(occurrence);
        }

        return occurrences ?? (IReadOnlyList<DateTimeOffset>)[];
    }

    /// <summary>Gets the latest occurrence strictly before <paramref name="before"/>, or null when none is found in five years.</summary>
    public DateTimeOffset? GetPreviousOccurrence(DateTimeOffset before)
    {
        foreach (var span in LookBack)
        {
            DateTimeOffset? latest = null;
            foreach (var occurrence in Expression.GetOccurrences(before - span, before, Zone, fromInclusive: true, toInclusive: false))
            {
                latest = occurrence.ToUniversalTime();
            }

            if (latest is not null)
            {
                return latest;
            }
        }

        return null;
    }

    /// <summary>Gets the window of the occurrence at <paramref name="occurrence"/>: from the previous occurrence to it.</summary>
    public ExecutionWindow WindowOf(DateTimeOffset occurrence)
        => new(GetPreviousOccurrence(occurrence) ?? occurrence, occurrence);

    /// <summary>
    /// Gets the window of the occurrence at <paramref name="occurrence"/>, given an instant that is likely its previous
    /// occurrence (the one the scheduler ran last): when it is, one step of the cron confirms it, without the look-back
    /// search; otherwise the window is <see cref="WindowOf(DateTimeOffset)"/>'s.
    /// </summary>
    public ExecutionWindow WindowOf(DateTimeOffset occurrence, DateTimeOffset? previous)
        => previous is { } p && p < occurrence && Expression.GetNextOccurrence(p, Zone, inclusive: true) == p && GetNextOccurrence(p) == occurrence
            ? new(p, occurrence)
            : WindowOf(occurrence);

    /// <summary>Gets the window of a run now at <paramref name="now"/>: from the latest occurrence before it to now.</summary>
    public ExecutionWindow CurrentWindow(DateTimeOffset now)
        => new(GetPreviousOccurrence(now) ?? now, now);
}
