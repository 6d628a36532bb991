namespace Integration;

/// <summary>
/// The host's clock, telling its owner each time a timer is armed on it. The scheduler hands it to its back-off, so it
/// knows the moment the back-off's wait is registered: only then is the scheduler "armed" (a clock moved from then on
/// reaches the wait; a clock moved before would be missed).
/// </summary>
internal sealed class ArmedTimeProvider(TimeProvider inner, Action<TimeSpan> armed) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        armed(dueTime);
        return timer;
    }
}
