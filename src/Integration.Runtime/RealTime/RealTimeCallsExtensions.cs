namespace Integration;

/// <summary>Short forms of <see cref="IRealTimeCalls.CallAsync{T}"/>.</summary>
public static class RealTimeCallsExtensions
{
    /// <summary>Runs one call that returns a value, with a new correlation id.</summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="calls">The real-time calls service.</param>
    /// <param name="interfaceId">The real-time interface.</param>
    /// <param name="operation">What the call does, for the log, e.g. <c>GET /prices/42</c>.</param>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The call's result.</returns>
    public static Task<T> CallAsync<T>(this IRealTimeCalls calls, string interfaceId, string operation, Func<IRealTimeCallContext, CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return calls.CallAsync(interfaceId, operation, call, options: null, cancellationToken);
    }

    /// <summary>Runs one call, with a new correlation id unless <paramref name="options"/> gives one.</summary>
    /// <param name="calls">The real-time calls service.</param>
    /// <param name="interfaceId">The real-time interface.</param>
    /// <param name="operation">What the call does, for the log, e.g. <c>POST /orders</c>.</param>
    /// <param name="call">The call.</param>
    /// <param name="options">The correlation id, direction and services, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the call has.</returns>
    public static Task CallAsync(this IRealTimeCalls calls, string interfaceId, string operation, Func<IRealTimeCallContext, CancellationToken, Task> call, RealTimeCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(call);
        return calls.CallAsync(
            interfaceId,
            operation,
            async (context, ct) =>
            {
                await call(context, ct).ConfigureAwait(false);
                return true;
            },
            options,
            cancellationToken);
    }
}
