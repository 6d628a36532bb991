namespace Integration;

/// <summary>
/// Resolves the daily execution of a real-time interface: one per interface and local day (in the interface's
/// time zone), created by the first call of the day, closed when the next day's one is opened or by the
/// scheduler's sweep after local midnight.
/// </summary>
public interface IDailyExecutions
{
    /// <summary>
    /// Gets today's daily execution of a real-time interface, creating it on the first call of the day. Every
    /// concurrent first caller, on every node sharing the store, gets the same execution. Once the day's execution
    /// is known, the call neither locks nor allocates.
    /// </summary>
    /// <param name="interfaceId">The real-time interface.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Today's daily execution.</returns>
    /// <exception cref="KeyNotFoundException">The interface is not registered.</exception>
    /// <exception cref="InvalidOperationException">The interface is scheduled, not real-time.</exception>
    ValueTask<Execution> GetCurrentAsync(string interfaceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the daily executions of earlier local days that are still running (OK, or KO when they hold an error line).
    /// The scheduler calls it after each local midnight; opening a new day calls it too.
    /// </summary>
    /// <param name="interfaceId">The real-time interface.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The executions closed by this call.</returns>
    ValueTask<IReadOnlyList<Execution>> CloseEarlierDaysAsync(string interfaceId, CancellationToken cancellationToken = default);
}
