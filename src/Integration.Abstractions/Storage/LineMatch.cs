namespace Integration;

/// <summary>A log line a <see cref="LineSearch"/> found, with the execution that holds it.</summary>
/// <param name="ExecutionId">The execution that holds the line.</param>
/// <param name="InterfaceId">The execution's interface.</param>
/// <param name="Kind">The execution's kind (a scheduled run, a daily execution of real-time calls…).</param>
/// <param name="Line">The line.</param>
public sealed record LineMatch(ExecutionId ExecutionId, string InterfaceId, ExecutionKind Kind, LogEntry Line)
{
    /// <summary>Gets the cursor that pages on after this line.</summary>
    public LineSearchCursor Cursor => new(Line.Time, ExecutionId, Line.Sequence);
}
