namespace Integration;

/// <summary>
/// The appends of one log that the store has not acknowledged yet. Each is kept only while it is in flight (it removes
/// itself when it completes), so memory follows what the store still owes, not what was ever written. A flush waits
/// for the appends issued before it, never for those issued after: a steady stream of writers cannot starve it.
/// </summary>
internal sealed class PendingAppends
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Task> _inFlight = [];
    private readonly HashSet<long> _finishedEarly = [];
    private long _issued;
    private int _count;

    /// <summary>Gets how many appends are in flight.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Starts tracking an append; <paramref name="track"/> runs it to completion and must not fault.</summary>
    /// <param name="track">Awaits the append and handles its outcome.</param>
    /// <returns>The tracked task, which never faults.</returns>
    public Task<long> Track(Func<Task<long>> track)
    {
        var ticket = Interlocked.Increment(ref _issued);
        Interlocked.Increment(ref _count);
        var task = RunAsync(track, ticket);
        lock (_gate)
        {
            // The append may have finished before it could be registered: then there is nothing to keep.
            if (!_finishedEarly.Remove(ticket))
            {
                _inFlight.Add(ticket, task);
            }
        }

        return task;
    }

    /// <summary>Waits for every append issued before this call.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when they are done (appended, refused or lost: each is handled by its tracker).</returns>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var upTo = Volatile.Read(ref _issued);
        List<Task>? waiting = null;
        lock (_gate)
        {
            foreach (var (ticket, task) in _inFlight)
            {
                if (ticket <= upTo)
                {
                    (waiting ??= []).Add(task);
                }
            }
        }

        return waiting is null ? Task.CompletedTask : Task.WhenAll(waiting).WaitAsync(cancellationToken);
    }

    private async Task<long> RunAsync(Func<Task<long>> track, long ticket)
    {
        try
        {
            return await track().ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (!_inFlight.Remove(ticket))
                {
                    _finishedEarly.Add(ticket);
                }
            }

            Interlocked.Decrement(ref _count);
        }
    }
}
