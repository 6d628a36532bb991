namespace Integration;

/// <summary>What became of a cancel (<see cref="IExecutionOperations.CancelAsync(ExecutionId, string?, CancellationToken)"/>).</summary>
public enum CancelOutcome
{
    /// <summary>The execution has ended: there was nothing to cancel.</summary>
    NotPossible = 0,

    /// <summary>The execution runs on this node: its connector's token was cancelled at once.</summary>
    Delivered = 1,

    /// <summary>
    /// The execution runs on another node: the request is stored on it, and its node cancels it within one heartbeat
    /// interval. When that node is dead, the lease sweep ends the execution Abandoned instead.
    /// </summary>
    Requested = 2,
}
