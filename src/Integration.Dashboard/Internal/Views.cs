namespace Integration.Dashboard.Internal;

/// <summary>One row of the Interfaces page.</summary>
internal sealed record InterfaceRow(
    InterfaceDefinition Definition,
    TimeZoneInfo Zone,
    bool Paused,
    ScheduleAuditEntry? LastChange,
    DateTimeOffset? NextRun,
    Execution? Last,
    Execution? LastKo,
    ErrorCategory? LastKoCategory,
    int OkToday,
    int KoToday,
    bool TodayCapped,
    int Running,
    bool ApiSupport);

/// <summary>The filters of the Executions page, as read from its query string.</summary>
internal sealed record ExecutionFilter
{
    public string? InterfaceId { get; init; }

    public ExecutionStatus? Status { get; init; }

    public ErrorCategory? Category { get; init; }

    public ExecutionTrigger? Trigger { get; init; }

    /// <summary>Gets the first UTC day of the period (inclusive).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Gets the last UTC day of the period (inclusive).</summary>
    public DateOnly? To { get; init; }

    public string? Search { get; init; }

    public ExecutionId? Before { get; init; }

    /// <summary>Gets a value indicating whether a filter is applied here rather than by the store's query.</summary>
    public bool FiltersInMemory => Category is not null || Trigger is not null || !string.IsNullOrWhiteSpace(Search);
}

/// <summary>One row of the Executions page.</summary>
internal sealed record ExecutionRow(Execution Execution, InterfaceDefinition? Interface, TimeZoneInfo Zone, ErrorCategory? FirstCategory);

/// <summary>The Executions page.</summary>
internal sealed record ExecutionsView(
    ExecutionFilter Filter,
    IReadOnlyList<ExecutionRow> Rows,
    ExecutionId? Next,
    int Scanned,
    IReadOnlyList<InterfaceDefinition> Interfaces);

/// <summary>Which log lines the Execution page shows.</summary>
internal sealed record LogFilter(ExecutionLogLevel MinLevel, long After);

/// <summary>The Execution page.</summary>
internal sealed record ExecutionView(
    ExecutionDiagnosis Diagnosis,
    TimeZoneInfo Zone,
    IReadOnlyList<LogEntry> Lines,
    LogFilter Log,
    long? NextAfter,
    IReadOnlyList<Execution> Reruns,
    IReadOnlyList<string> ExportFormats)
{
    public Execution Execution => Diagnosis.Execution;
}
