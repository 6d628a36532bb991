namespace Integration;

/// <summary>What an operator did to a schedule. Stored as a number: the values are pinned.</summary>
public enum ScheduleAction
{
    /// <summary>The schedule was paused: no node fires it until it is resumed.</summary>
    Paused = 1,

    /// <summary>The schedule was resumed: the next occurrence after the resume fires, the paused ones never do.</summary>
    Resumed = 2,
}
