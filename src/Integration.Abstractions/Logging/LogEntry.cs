namespace Integration;

/// <summary>
/// One line of an execution's log. Lines are append-only and keep their order: the store gives each its
/// <see cref="Sequence"/>, strictly increasing within the execution.
/// </summary>
public readonly record struct LogEntry
{
    /// <summary>Gets the line's position in its execution's log, from 1; 0 before the store appended it.</summary>
    public long Sequence { get; init; }

    /// <summary>Gets when the line was written.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Gets the level.</summary>
    public ExecutionLogLevel Level { get; init; }

    /// <summary>Gets the error's category; set on, and only on, <see cref="ExecutionLogLevel.Error"/> lines.</summary>
    public ErrorCategory? Category { get; init; }

    /// <summary>Gets the text.</summary>
    public string Message { get => field ?? string.Empty; init; }

    /// <summary>Gets the exchange with the external system the line records, if any.</summary>
    public ExchangeDetails? Exchange { get; init; }

    /// <summary>Gets the id that ties the line to one call or request, if any.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Gets the exception the line reports, if any.</summary>
    public ExceptionSummary? Exception { get; init; }

    /// <summary>Gets, on a <see cref="ErrorCategory.Cascade"/> line, the sequence of the error it follows from.</summary>
    public long? CausedBy { get; init; }

    /// <summary>Gets a value indicating whether the line is an error.</summary>
    public bool IsError => Level == ExecutionLogLevel.Error;
}
