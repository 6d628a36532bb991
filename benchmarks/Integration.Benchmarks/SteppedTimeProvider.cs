namespace Integration.Benchmarks;

/// <summary>
/// A clock for driving a scheduler through its own timer: the wall clock stands still until <see cref="Step"/> moves
/// it, and the short timers (the scheduler's wait for its next occurrence, pollers' intervals: up to
/// <see cref="ShortTimer"/>) fire when a step reaches them, on the thread pool, as a real timer would. Longer timers
/// (heartbeats, duration guards) are the system's own, so an execution pays what it pays in production for them; the
/// monotonic timestamp is the system's too.
/// </summary>
/// <remarks>
/// Unlike FakeTimeProvider, reading the time takes no lock and an execution's timers do not queue on the fake clock:
/// only the scheduler's wait does, so the clock itself costs the measured path next to nothing.
/// </remarks>
public sealed class SteppedTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>The longest due time of a timer that this clock fires itself.</summary>
    public static readonly TimeSpan ShortTimer = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly HashSet<SteppedTimer> _timers = [];
    private long _ticks = start.UtcTicks;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _ticks), TimeSpan.Zero);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan || dueTime > ShortTimer)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        var timer = new SteppedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward and fires the short timers it reaches.</summary>
    public void Step(TimeSpan by)
    {
        var now = Interlocked.Add(ref _ticks, by.Ticks);
        List<SteppedTimer> due;
        lock (_lock)
        {
            due = [.. _timers.Where(t => t.DueTicks <= now)];
            foreach (var timer in due)
            {
                timer.Fired(now);
                if (timer.DueTicks == long.MaxValue)
                {
                    _timers.Remove(timer);
                }
            }
        }

        foreach (var timer in due)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Invoke(), timer, preferLocal: false);
        }
    }

    private sealed class SteppedTimer(SteppedTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private long _periodTicks;

        public long DueTicks { get; private set; } = long.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var fireNow = false;
            lock (clock._lock)
            {
                _periodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    DueTicks = long.MaxValue;
                    clock._timers.Remove(this);
                }
                else if (dueTime <= TimeSpan.Zero)
                {
                    fireNow = true;
                    DueTicks = _periodTicks == 0 ? long.MaxValue : clock.GetUtcNow().UtcTicks + _periodTicks;
                    if (DueTicks != long.MaxValue)
                    {
                        clock._timers.Add(this);
                    }
                }
                else
                {
                    DueTicks = clock.GetUtcNow().UtcTicks + dueTime.Ticks;
                    clock._timers.Add(this);
                }
            }

            if (fireNow)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static t => t.Invoke(), this, preferLocal: false);
            }

            return true;
        }

        /// <summary>Moves the due time past a firing; only the clock calls it, under its lock.</summary>
        public void Fired(long now) => DueTicks = _periodTicks == 0 ? long.MaxValue : Math.Max(DueTicks + _periodTicks, now + 1);

        public void Invoke() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
            {
                DueTicks = long.MaxValue;
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
