namespace Integration;

/// <summary>
/// The log of one execution, as a connector writes it. Every line goes to the execution store in order.
/// The convenience methods (<see cref="ExecutionLogExtensions"/>) do not wait for the store; the runner
/// flushes the log before the execution ends, so nothing written is lost.
/// </summary>
public interface IExecutionLog
{
    /// <summary>Gets the execution this log belongs to.</summary>
    ExecutionId ExecutionId { get; }

    /// <summary>Gets how many error lines of each category were written so far through this log.</summary>
    ErrorCounts Errors { get; }

    /// <summary>Gets the sequence of the first error line written through this log, once the store has appended it.</summary>
    long? FirstErrorSequence { get; }

    /// <summary>
    /// Writes a line without waiting for the store. The line's time is read from the host's clock when
    /// <see cref="LogEntry.Time"/> is not set. An error line without a category is <see cref="ErrorCategory.Technical"/>;
    /// a <see cref="ErrorCategory.Cascade"/> line without <see cref="LogEntry.CausedBy"/> points at the first error;
    /// a Cascade line with no error before it becomes <see cref="ErrorCategory.Technical"/>, since the first error is never a cascade.
    /// </summary>
    /// <param name="entry">The line.</param>
    void Write(LogEntry entry);

    /// <summary>Writes a line (as <see cref="Write"/> does) and waits until the store has appended it.</summary>
    /// <param name="entry">The line.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The line's sequence.</returns>
    ValueTask<long> WriteAsync(LogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Writes an error line for an exception, with the category the classifier chain gives it.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="message">What failed, written for support; defaults to the exception's message.</param>
    /// <returns>The category given to the line.</returns>
    ErrorCategory Error(Exception exception, string? message = null);

    /// <summary>Waits until every line written so far is appended by the store.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the lines are appended.</returns>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);
}
