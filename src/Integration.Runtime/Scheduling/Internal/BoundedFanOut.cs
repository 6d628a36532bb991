namespace Integration;

/// <summary>
/// Runs a body for each item, in the items' order, with at most a given number in flight: the scheduler's pass creates
/// the occurrences of different interfaces concurrently, a few round trips at a time rather than one.
/// </summary>
internal static class BoundedFanOut
{
    /// <summary>Starts the bodies in order, each once fewer than <paramref name="bound"/> are running, and waits for all.</summary>
    /// <param name="items">The items, in the order their bodies start.</param>
    /// <param name="bound">The most bodies running at once.</param>
    /// <param name="body">The work for one item; its own failures are its to record.</param>
    /// <param name="cancellationToken">Stops starting bodies; the running ones are still waited for.</param>
    /// <remarks>
    /// A body's synchronous part runs on the caller's thread, in order; with one item (or a bound of one) this is a plain
    /// loop. When cancelled, the bodies already started are waited for before the cancellation is thrown, so none
    /// outlives the pass.
    /// </remarks>
    public static async Task RunAsync<T>(IReadOnlyList<T> items, int bound, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        if (items.Count == 1)
        {
            await body(items[0], cancellationToken).ConfigureAwait(false);
            return;
        }

        // No semaphore: a body that ends at once (a store that answers synchronously, as the in-memory one) takes no
        // lock and is not kept; only when `bound` bodies are still running does the pass wait for one of them.
        var running = new List<Task>();
        try
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                while (running.Count >= bound)
                {
                    await Task.WhenAny(running).WaitAsync(cancellationToken).ConfigureAwait(false);
                    running.RemoveAll(static t => t.IsCompleted);
                }

                var task = body(item, cancellationToken);
                if (!task.IsCompletedSuccessfully)
                {
                    running.Add(task);
                }
            }
        }
        finally
        {
            // Also when cancelled: the started bodies end (they see the same token) before the pass does.
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
