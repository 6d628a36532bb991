namespace Integration.Dashboard.Internal;

/// <summary>One row of the Interfaces page: the interface's overview, and its time zone to show times in.</summary>
internal sealed record InterfaceRow(InterfaceOverview Overview, TimeZoneInfo Zone)
{
    public InterfaceDefinition Definition => Overview.Interface;

    /// <summary>Gets the next run shown: none while the schedule is paused or disabled on this host.</summary>
    public DateTimeOffset? NextRun => Overview.IsPaused || !Definition.Schedule.Enabled || Overview.NextOccurrences.Count == 0 ? null : Overview.NextOccurrences[0];
}

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

    public ExecutionId? Before { get; init; }

    /// <summary>Gets a value indicating whether a filter is applied here rather than by the store's query.</summary>
    public bool FiltersInMemory => Category is not null || Trigger is not null;
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

    /// <summary>Gets the operator actions recorded on the execution (run now, re-run, cancel, export), oldest first.</summary>
    public IReadOnlyList<ExecutionAction> Actions { get; init; } = [];
}

/// <summary>A search of log lines from the search box: its text, the filters that apply to lines, and the page.</summary>
internal sealed record LineFilter(string Text, string? InterfaceId, DateOnly? From, DateOnly? To, LineSearchCursor? After);

/// <summary>One line found by the search box, with its interface and the time zone to show it in.</summary>
internal sealed record LineRow(LineMatch Match, InterfaceDefinition? Interface, TimeZoneInfo Zone);

/// <summary>The search results page: lines, newest first, and the cursor of older ones.</summary>
internal sealed record LinesView(LineFilter Filter, IReadOnlyList<LineRow> Rows, LineSearchCursor? Next, IReadOnlyList<InterfaceDefinition> Interfaces);

/// <summary>How a <see cref="LineSearchCursor"/> travels in a link: <c>ticks.sequence.execution-id</c> (UTC ticks).</summary>
internal static class LineCursor
{
    public static string Format(LineSearchCursor cursor) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{cursor.Time.UtcTicks}.{cursor.Sequence}.{cursor.ExecutionId}");

    public static LineSearchCursor Parse(string text)
    {
        var parts = text.Split('.', 3);
        if (parts.Length == 3
            && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            && ExecutionId.TryParse(parts[2], out var id))
        {
            return new LineSearchCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id, sequence);
        }

        throw new FormatException($"'{text}' is not a search page cursor.");
    }
}
