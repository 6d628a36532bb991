namespace Integration;

/// <summary>What happens when a schedule fires while one of its executions is still running.</summary>
public enum OverlapPolicy
{
    /// <summary>
    /// The default: the new occurrence does not run. It is recorded as an execution with status
    /// <see cref="ExecutionStatus.Cancelled"/> and reason <see cref="ExecutionReason.Skipped"/>, with a line naming the running one.
    /// </summary>
    Skip,

    /// <summary>The new occurrence runs alongside the running one.</summary>
    Allow,
}
