namespace Integration;

/// <summary>What created an execution.</summary>
public enum ExecutionTrigger
{
    /// <summary>An occurrence of the schedule.</summary>
    Schedule,

    /// <summary>An operator's "run now", for the current window.</summary>
    Manual,

    /// <summary>A re-run of an earlier execution, on the same window.</summary>
    Rerun,

    /// <summary>The first real-time call of a local day.</summary>
    Call,
}
