namespace Integration;

/// <summary>
/// Spares the calls of an open day from reading the clock. Until the day's last minute a call belongs to the open day
/// without any clock read; a timer on the host's clock reads the wall clock once a minute and, from the day's last
/// minute on, tells the calls to compare the wall clock with the day's end (<see cref="Ending"/>), so the next day
/// still starts exactly at local midnight.
/// </summary>
/// <remarks>
/// Reading the wall clock once a minute (not computing the day's end once) keeps the day right when the wall clock is
/// moved: forward past midnight, the next day is opened within a minute, the time a late line takes anyway; backwards,
/// the open day stays open (a day never reopens the one before). The lead of a minute also covers a timer that fires
/// late and the drift between the timer's monotonic clock and the wall clock.
/// </remarks>
internal sealed class DayEndWatch : IDisposable
{
    /// <summary>How long before the day's end every call starts reading the clock; also how often the timer reads it.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _end;
    private ITimer? _timer;
    private volatile bool _ending;

    public DayEndWatch(TimeProvider time, DateTimeOffset end)
    {
        _time = time;
        _end = end;
        var remaining = end - time.GetUtcNow();
        if (remaining <= Lead)
        {
            _ending = true;
            return;
        }

        // A periodic timer, never re-armed: every tick comes a minute after the one before, so one of them lands in
        // the day's last minute, however the wall clock moved. The first tick is at most a minute away, at least 1 ms
        // (a fake clock runs a timer due now inside CreateTimer).
        var due = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, Math.Min((remaining - Lead).Ticks, Lead.Ticks)));
        using (System.Threading.ExecutionContext.SuppressFlow())
        {
            // Flow suppressed: the timer lives all day and must not hold the first caller's async locals (its Activity).
            _timer = time.CreateTimer(static state => ((DayEndWatch)state!).Tick(), this, due, Lead);
        }

        if (_ending)
        {
            Dispose();
        }
    }

    /// <summary>Gets a value indicating whether the day is in its last minute (or past its end): calls must read the clock.</summary>
    public bool Ending => _ending;

    public void Dispose() => Interlocked.Exchange(ref _timer, null)?.Dispose();

    private void Tick()
    {
        if (_ending || _end - _time.GetUtcNow() <= Lead)
        {
            _ending = true;
            Dispose();
        }
    }
}
