namespace Integration;

/// <summary>
/// When the scheduler waits, and for what: it is <em>armed</em> once its wait (its timer, or its back-off while the
/// store fails) is registered on the clock. Host start returns once it is first armed; tests move a fake clock to
/// <see cref="NextWake"/> and wait for the next <see cref="Generation"/>.
/// </summary>
internal sealed class SchedulerWaits
{
    private readonly TaskCompletionSource _firstArmed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _generation;
    private long _nextWakeTicks = -1;

    /// <summary>Gets when the scheduler will wake next, while it waits.</summary>
    public DateTimeOffset? NextWake
    {
        get
        {
            var ticks = Volatile.Read(ref _nextWakeTicks);
            return ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Gets how many times the scheduler has been armed.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Gets a task that completes the first time the scheduler is armed.</summary>
    public Task FirstArmed => _firstArmed.Task;

    /// <summary>Records that the scheduler's wait is registered, until <paramref name="until"/> (null: until woken).</summary>
    public void Armed(DateTimeOffset? until)
    {
        Volatile.Write(ref _nextWakeTicks, until?.UtcTicks ?? -1);
        Interlocked.Increment(ref _generation);
        Volatile.Read(ref _idle).TrySetResult();
        _firstArmed.TrySetResult();
    }

    /// <summary>Records that the scheduler woke and works; only the scheduler's own loop calls it.</summary>
    public void Woken()
    {
        Volatile.Write(ref _nextWakeTicks, -1);
        if (Volatile.Read(ref _idle).Task.IsCompleted)
        {
            Volatile.Write(ref _idle, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    /// <summary>Completes once the scheduler has been armed more than <paramref name="generation"/> times.</summary>
    public async Task WaitIdleAsync(int generation)
    {
        while (Generation <= generation)
        {
            var idle = Volatile.Read(ref _idle);
            if (idle.Task.IsCompleted)
            {
                // Woken, but not yet past its first statement: let it run.
                await Task.Yield();
                continue;
            }

            await idle.Task.ConfigureAwait(false);
        }
    }
}
