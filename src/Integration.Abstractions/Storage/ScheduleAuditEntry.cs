namespace Integration;

/// <summary>One operator action on a schedule, kept in the interface's audit trail.</summary>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="InterfaceId">The interface the schedule belongs to.</param>
/// <param name="Action">What was done.</param>
/// <param name="At">When, by the store's clock.</param>
/// <param name="Actor">Who did it, when the caller said.</param>
/// <param name="Reason">Why, when the caller said.</param>
public sealed record ScheduleAuditEntry(string ScheduleId, string InterfaceId, ScheduleAction Action, DateTimeOffset At, string? Actor, string? Reason);
