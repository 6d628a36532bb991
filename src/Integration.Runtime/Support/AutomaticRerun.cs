namespace Integration;

/// <summary>
/// The automatic re-run that follows an execution which ended KO on an External error
/// (<see cref="ScheduledInterfaceBuilder.RetryExternalFailures"/>), as its diagnosis shows it.
/// </summary>
/// <param name="Attempt">Its number in the failure chain: 1 for the first re-run.</param>
/// <param name="MaxAttempts">How many re-runs the interface allows.</param>
/// <param name="DueAt">When it is due (its delay ends).</param>
/// <param name="StartedAs">The execution it started; null while it waits.</param>
public sealed record AutomaticRerun(int Attempt, int MaxAttempts, DateTimeOffset DueAt, ExecutionId? StartedAs)
{
    /// <summary>Gets a value indicating whether it still waits for its delay (or for a node to start it).</summary>
    public bool IsPending => StartedAs is null;
}
