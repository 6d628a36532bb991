namespace Integration.Storage;

/// <summary>
/// A store's first initialisation (open, configure, migrate), retried until it succeeds: concurrent callers share one
/// attempt, a successful one is kept for the store's lifetime, and a failed one is forgotten, so the next use tries
/// again (the database may be back by then) instead of failing until the process restarts. Compiled into each SQL
/// store package.
/// </summary>
/// <typeparam name="T">What the initialisation gives (a connection, or nothing).</typeparam>
internal sealed class StoreInitialization<T>(Func<Task<T>> initialize)
{
    private readonly Lock _gate = new();
    private Task<T>? _attempt;

    /// <summary>Gets the initialisation's result, starting an attempt when none succeeded and none is under way.</summary>
    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        var attempt = Volatile.Read(ref _attempt);
        if (attempt is not { IsCompletedSuccessfully: true })
        {
            lock (_gate)
            {
                if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled)
                {
                    // Run apart from the caller: a caller that gives up (its token) must not cancel the others' attempt.
                    _attempt = Task.Run(initialize, CancellationToken.None);
                }

                attempt = _attempt;
            }
        }

        return attempt.WaitAsync(cancellationToken);
    }

    /// <summary>Gets the result of a successful initialisation, if one has completed.</summary>
    public bool TryGetResult(out T result)
    {
        if (Volatile.Read(ref _attempt) is { IsCompletedSuccessfully: true } done)
        {
            result = done.GetAwaiter().GetResult();
            return true;
        }

        result = default!;
        return false;
    }
}
