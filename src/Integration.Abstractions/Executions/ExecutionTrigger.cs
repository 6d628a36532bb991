namespace Integration;

/// <summary>What created an execution.</summary>
/// <remarks>The stores keep these values as numbers: each member's value is explicit and must never change; a new member takes a new value.</remarks>
public enum ExecutionTrigger
{
    /// <summary>An occurrence of the schedule.</summary>
    Schedule = 0,

    /// <summary>An operator's "run now", for the current window.</summary>
    Manual = 1,

    /// <summary>A re-run of an earlier execution, on the same window.</summary>
    Rerun = 2,

    /// <summary>The first real-time call of a local day.</summary>
    Call = 3,

    /// <summary>
    /// An automatic re-run of a scheduled execution that ended KO on an External error, on the same window
    /// (<see cref="ScheduleDefinition.ExternalFailureRetry"/>); <see cref="Execution.RerunOf"/> names the failed execution.
    /// </summary>
    Retry = 4,
}
