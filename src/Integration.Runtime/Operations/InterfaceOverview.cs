namespace Integration;

/// <summary>
/// One registered interface at a glance, for a console or a health check: its definition, its schedule's state, its
/// next occurrences, and its activity read from the store (last execution, last KO and its first error, today's
/// counts, whether it runs now). <see cref="IExecutionOperations.GetOverviewAsync"/> reads every interface's at once.
/// </summary>
/// <remarks>
/// "Last" means newest by id (ids sort by creation time), as executions are listed. For a real-time interface the last
/// execution is the current day's daily execution, which stays <see cref="ExecutionStatus.Running"/> all day (its
/// <see cref="Execution.Errors"/> show the errors so far); a day becomes OK or KO once the next day's one closes it, so
/// <see cref="LastKo"/> is a closed day. "Today" is the interface's local day in its time zone, and an execution counts
/// for the day it started in.
/// </remarks>
public sealed record InterfaceOverview
{
    /// <summary>How many next occurrences an overview lists.</summary>
    public const int NextOccurrenceCount = 3;

    /// <summary>
    /// Gets the interface's definition: type, provider and its contact, mode, schedule (cron, time zone, and whether it is
    /// enabled on this host).
    /// </summary>
    public required InterfaceDefinition Interface { get; init; }

    /// <summary>Gets the schedule's persisted state (who paused it, when, why); null when it was never paused or resumed.</summary>
    public ScheduleState? ScheduleState { get; init; }

    /// <summary>Gets a value indicating whether the schedule is paused on every node (persisted in the store).</summary>
    public bool IsPaused => ScheduleState?.Paused == true;

    /// <summary>
    /// Gets the next <see cref="NextOccurrenceCount"/> occurrences of the cron after now; empty for a real-time
    /// interface. They are the cron's: while the schedule is paused or disabled they do not fire.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> NextOccurrences { get; init; } = [];

    /// <summary>Gets the interface's local date now, in its time zone.</summary>
    public DateOnly Today { get; init; }

    /// <summary>Gets the instant the interface's local day started: today's counts are of executions started since.</summary>
    public DateTimeOffset TodayStart { get; init; }

    /// <summary>Gets the newest execution, whatever its status; null when the interface has none.</summary>
    public Execution? LastExecution { get; init; }

    /// <summary>Gets the newest execution that ended <see cref="ExecutionStatus.KO"/>; null when none did.</summary>
    public Execution? LastKo { get; init; }

    /// <summary>
    /// Gets the category of the first error line of <see cref="LastKo"/> (the root cause, not a later consequence);
    /// null when there is no KO, or it logged no error line.
    /// </summary>
    public ErrorCategory? LastKoFirstError { get; init; }

    /// <summary>Gets how many executions started today (local day) ended OK.</summary>
    public int OkToday { get; init; }

    /// <summary>Gets how many executions started today (local day) ended KO.</summary>
    public int KoToday { get; init; }

    /// <summary>Gets the newest execution still running, on any node; null when none is.</summary>
    public Execution? Running { get; init; }

    /// <summary>Gets a value indicating whether an execution of the interface is running now, on any node.</summary>
    public bool IsRunning => Running is not null;

    /// <summary>
    /// Gets a value indicating whether the interface is probably an API integration, whose analysis can go to API
    /// support: it is real-time, every execution the store holds of it is daily, and its type is
    /// <see cref="InterfaceType.ExternalSales"/>, <see cref="InterfaceType.PublicWebServices"/> or <see cref="InterfaceType.Exports"/>.
    /// </summary>
    public bool IsProbablyApiIntegration { get; init; }

    /// <summary>
    /// Gets the running daily execution of a previous local day when it is still open <paramref name="grace"/> after
    /// today's start (its day should have been closed at local midnight); null otherwise.
    /// </summary>
    /// <param name="now">The instant to judge at.</param>
    /// <param name="grace">How long after local midnight a previous day may stay open.</param>
    /// <returns>The stale daily execution, or null.</returns>
    public Execution? StaleDaily(DateTimeOffset now, TimeSpan grace)
        => Running is { Kind: ExecutionKind.Daily } daily && daily.StartedAt < TodayStart && now >= TodayStart + grace ? daily : null;

    /// <summary>
    /// Gets the running scheduled execution when it is past its schedule's maximum duration at <paramref name="now"/>
    /// (or the duration guard already flagged it); null otherwise.
    /// </summary>
    /// <param name="now">The instant to judge at.</param>
    /// <returns>The execution over its maximum duration, or null.</returns>
    public Execution? OverMaxDuration(DateTimeOffset now)
        => Running is { Kind: ExecutionKind.Scheduled } running && (running.DurationExceeded || now - running.StartedAt > Interface.Schedule.MaxDuration) ? running : null;
}
