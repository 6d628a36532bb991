namespace Integration;

/// <summary>
/// Runs real-time calls inside their interface's daily execution: each call gets a correlation id; what it logs,
/// its duration and its failure (classified like any other error) land in the daily execution; a failed call makes
/// the daily execution KO, and its exception still reaches the caller. <see cref="RealTimeCallsExtensions"/> has
/// the short forms.
/// </summary>
public interface IRealTimeCalls
{
    /// <summary>Runs one call that returns a value.</summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="interfaceId">The real-time interface.</param>
    /// <param name="operation">What the call does, for the log, e.g. <c>GET /prices/42</c>.</param>
    /// <param name="call">The call; it writes into <see cref="IExecutionContext.Log"/> like a connector.</param>
    /// <param name="options">The correlation id, direction and services, when the defaults do not fit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The call's result.</returns>
    /// <exception cref="KeyNotFoundException">The interface is not registered.</exception>
    /// <exception cref="InvalidOperationException">The interface is scheduled, not real-time.</exception>
    Task<T> CallAsync<T>(string interfaceId, string operation, Func<IRealTimeCallContext, CancellationToken, Task<T>> call, RealTimeCallOptions? options, CancellationToken cancellationToken);

}
