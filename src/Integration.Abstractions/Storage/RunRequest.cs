namespace Integration;

/// <summary>
/// A run now or a re-run asked on a host that only operates (it runs no executions), stored for an executing node to
/// claim and start (<see cref="IExecutionStore.ClaimRunRequestsAsync"/>). The execution it starts holds the unique key
/// derived from <see cref="Id"/>, so it starts exactly once, however many nodes claim it.
/// </summary>
public sealed record RunRequest
{
    /// <summary>Gets the request's id, chosen by the requester.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the scheduled interface to run.</summary>
    public required string InterfaceId { get; init; }

    /// <summary>Gets what is asked: <see cref="ExecutionTrigger.Manual"/> (run now), <see cref="ExecutionTrigger.Rerun"/>, or <see cref="ExecutionTrigger.Retry"/> (an automatic re-run).</summary>
    public required ExecutionTrigger Trigger { get; init; }

    /// <summary>Gets the window the execution works on: the current one at the request (run now), or the original's (re-run).</summary>
    public required ExecutionWindow Window { get; init; }

    /// <summary>Gets the execution a re-run repeats; null for a run now.</summary>
    public ExecutionId? RerunOf { get; init; }

    /// <summary>
    /// Gets the earliest time the request may be claimed; null for as soon as possible. Automatic re-runs
    /// (<see cref="ExecutionTrigger.Retry"/>) are stored with the time their delay ends.
    /// </summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets, for an automatic re-run, its number in the failure chain (1 for the first re-run); null otherwise.</summary>
    public int? Attempt { get; init; }

    /// <summary>Gets who asked, as the caller's identity names them; null when not said.</summary>
    public string? Actor { get; init; }

    /// <summary>Gets when the store recorded the request, by its own clock (ignored on <see cref="IExecutionStore.RequestRunAsync"/>).</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Gets the node that last claimed the request; null while no node has.</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>Gets when the request was last claimed, by the store's clock; null while no node has.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>Gets the execution the request started; null until a node recorded it (<see cref="IExecutionStore.MarkRunRequestStartedAsync"/>).</summary>
    public ExecutionId? ExecutionId { get; init; }
}
