namespace Integration;

/// <summary>
/// Gives the execution the current code runs in: set by the runner around a connector, and by real-time calls
/// around each call. Exchange capture (HTTP handlers, the ILogger bridge) uses it to record into the right execution.
/// </summary>
public interface IExecutionContextAccessor
{
    /// <summary>Gets the execution of the current asynchronous flow, or null outside any execution.</summary>
    IExecutionContext? Current { get; }
}
