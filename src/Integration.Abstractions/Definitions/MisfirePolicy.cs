namespace Integration;

/// <summary>What the scheduler does with occurrences missed while the host was down or stalled.</summary>
public enum MisfirePolicy
{
    /// <summary>The default: one execution, for the latest missed occurrence.</summary>
    RunOnce,

    /// <summary>No execution for missed occurrences; the schedule resumes at its next future occurrence.</summary>
    Skip,

    /// <summary>One execution per missed occurrence, each with its own window, up to a maximum.</summary>
    RunAll,
}
