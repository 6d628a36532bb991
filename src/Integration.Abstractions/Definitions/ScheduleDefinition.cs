namespace Integration;

/// <summary>When a scheduled interface runs, and the guards around each of its executions.</summary>
public sealed record ScheduleDefinition
{
    /// <summary>The default maximum duration of an execution: one hour.</summary>
    public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromHours(1);

    /// <summary>The default cap on executions created for missed occurrences under <see cref="MisfirePolicy.RunAll"/>.</summary>
    public const int DefaultMaxMisfireRuns = 24;

    /// <summary>Gets the schedule's id, unique among schedules (by default the interface's id).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the cron expression (Cronos syntax, five fields or six with seconds); null for a daily schedule.</summary>
    public string? Cron { get; init; }

    /// <summary>Gets the IANA (or Windows) id of the time zone the cron expression is read in.</summary>
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Gets a value indicating whether the scheduler fires this schedule.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the duration past which an execution is flagged by the duration guard; defaults to one hour.</summary>
    public TimeSpan MaxDuration { get; init; } = DefaultMaxDuration;

    /// <summary>Gets what the duration guard does at <see cref="MaxDuration"/>.</summary>
    public DurationPolicy DurationPolicy { get; init; } = DurationPolicy.Flag;

    /// <summary>Gets what happens when the schedule fires while one of its executions is running.</summary>
    public OverlapPolicy OverlapPolicy { get; init; } = OverlapPolicy.Skip;

    /// <summary>Gets what happens to occurrences missed while the host was down.</summary>
    public MisfirePolicy MisfirePolicy { get; init; } = MisfirePolicy.RunOnce;

    /// <summary>Gets the cap on executions created for missed occurrences under <see cref="MisfirePolicy.RunAll"/>.</summary>
    public int MaxMisfireRuns { get; init; } = DefaultMaxMisfireRuns;

    /// <summary>
    /// Gets the automatic re-runs of executions that end KO with an External first error; null (the default) when the
    /// interface does not re-run them.
    /// </summary>
    public ExternalFailureRetry? ExternalFailureRetry { get; init; }

    /// <summary>Gets the name of the daily schedule of a real-time interface: <c>&lt;interface&gt;_daily</c>.</summary>
    /// <param name="interfaceId">The interface's id.</param>
    /// <returns>The schedule id.</returns>
    public static string DailyScheduleId(string interfaceId) => interfaceId + "_daily";
}
