namespace Integration;

/// <summary>The persisted state of a schedule, which every node's scheduler honours before it fires.</summary>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="Paused">Whether the schedule is paused.</param>
/// <param name="ChangedAt">When it was last paused or resumed, by the store's clock; null when it never was.</param>
/// <param name="ChangedBy">Who last paused or resumed it, when the caller said.</param>
/// <param name="Reason">Why, when the caller said.</param>
public sealed record ScheduleState(string ScheduleId, bool Paused, DateTimeOffset? ChangedAt, string? ChangedBy, string? Reason);
