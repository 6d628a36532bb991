namespace Integration;

/// <summary>Where a page of a <see cref="LineSearch"/> ended: the last line it returned, by its sort key.</summary>
/// <param name="Time">The line's time.</param>
/// <param name="ExecutionId">The line's execution.</param>
/// <param name="Sequence">The line's sequence in its execution.</param>
public readonly record struct LineSearchCursor(DateTimeOffset Time, ExecutionId ExecutionId, long Sequence);
