using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// The one life cycle of every execution, scheduled or daily: open its log, write a failure with the right category,
/// settle the log (count what was dropped or lost, wait for the store) and record the end. The runner keeps overlap,
/// scope and the duration guard; the daily resolver keeps days and slots; both go through here, so the rules that
/// keep a record honest live in one place.
/// </summary>
internal sealed class ExecutionLifecycle(
    IExecutionStore store,
    TimeProvider time,
    ErrorClassifierChain classifier,
    IntegrationTelemetry telemetry,
    LogLineSanitizer sanitizer,
    ILogger<ExecutionLifecycle> logger)
{
    public IExecutionStore Store => store;

    public TimeProvider Time => time;

    public ErrorClassifierChain Classifier => classifier;

    public IntegrationTelemetry Telemetry => telemetry;

    public LogLineSanitizer Sanitizer => sanitizer;

    public ILogger Logger => logger;

    /// <summary>Opens the log of an execution, with the line cap of its kind.</summary>
    public ExecutionLog OpenLog(InterfaceDefinition definition, Execution execution)
        => new(this, definition, execution.Id, execution.Kind == ExecutionKind.Daily ? sanitizer.MaxLinesPerDailyExecution : sanitizer.MaxLinesPerExecution);

    /// <summary>Reports a new execution to telemetry and the host's log.</summary>
    public void Started(Execution execution)
    {
        telemetry.Started(execution);
        Log.ExecutionStarted(logger, execution.Id, execution.InterfaceId, execution.Trigger, execution.Window);
    }

    /// <summary>
    /// Writes the error line of a failure. Its category is the one its exception states (a typed exception, a
    /// classifier's answer, a recognised failure such as an HTTP status): an explicit category is never overwritten.
    /// Only an exception that states nothing, thrown after an error of the same log, is a Cascade of that log's
    /// first error: it merely reports what went wrong above.
    /// </summary>
    /// <param name="log">The log the failure belongs to (an execution's, or one call's within a day).</param>
    /// <param name="classification">The execution log whose interface classifies the exception.</param>
    /// <param name="failure">The exception.</param>
    /// <param name="line">The line to write, without level and category.</param>
    public async Task WriteFailureAsync(IExecutionLog log, ExecutionLog classification, Exception failure, LogEntry line)
    {
        // Wait for the lines already written: an error among them may make this failure a cascade of the first one.
        await log.FlushAsync().ConfigureAwait(false);
        var category = classification.Classify(failure, out var stated);
        var cascade = !stated && log.Errors.Total > 0;
        log.Write(line with
        {
            Level = ExecutionLogLevel.Error,
            Category = cascade ? ErrorCategory.Cascade : category,
            CausedBy = cascade ? log.FirstErrorSequence : null,
            Exception = ExceptionSummary.From(failure),
        });
    }

    /// <summary>
    /// Settles a log before its execution ends (or its day closes): writes what the caps and back-pressure dropped,
    /// waits for the store, and when the store lost lines, writes an error line that counts them.
    /// </summary>
    public async Task SettleAsync(ExecutionLog log)
    {
        log.WriteDropCounts();
        await log.FlushAsync().ConfigureAwait(false);
        if (log.TakeLostLines() is { Count: > 0 } lost)
        {
            // The store failed while the execution ran; now that it answers again, the execution itself says so.
            log.Write(new LogEntry
            {
                Level = ExecutionLogLevel.Error,
                Category = ErrorCategory.Technical,
                Message = $"The execution store failed to record {lost.Count} line(s) of this execution: {lost.Failure?.Message}",
                Exception = lost.Failure is null ? null : ExceptionSummary.From(lost.Failure),
            });
            await log.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The status an execution ends with: KO when it holds an error, whatever else happened.</summary>
    public static (ExecutionStatus Status, ExecutionReason Reason) Outcome(ErrorCounts errors, ExecutionReason cancelReason) => (errors.Total > 0, cancelReason) switch
    {
        (true, ExecutionReason.None) => (ExecutionStatus.KO, ExecutionReason.Error),
        (true, var reason) => (ExecutionStatus.KO, reason),
        (false, ExecutionReason.Cancelled) => (ExecutionStatus.Cancelled, ExecutionReason.Cancelled),
        (false, ExecutionReason.Abandoned) => (ExecutionStatus.Abandoned, ExecutionReason.Abandoned),
        (false, ExecutionReason.Timeout) => (ExecutionStatus.KO, ExecutionReason.Timeout),
        _ => (ExecutionStatus.OK, ExecutionReason.None),
    };

    /// <summary>
    /// Records the end of an execution. The store keeps the larger of its own error counts and these, and never ends
    /// an execution OK while it holds an error line.
    /// </summary>
    /// <returns>The ended execution; when it had already ended elsewhere, the store's version of it (or null when it is gone).</returns>
    public async Task<Execution?> CompleteAsync(Execution execution, ExecutionStatus status, ExecutionReason reason, ErrorCounts errors, bool durationExceeded, ErrorCategory? firstError, CancellationToken cancellationToken = default)
    {
        var ended = await store.CompleteAsync(
            new ExecutionCompletion
            {
                ExecutionId = execution.Id,
                Status = status,
                Reason = reason,
                EndedAt = time.GetUtcNow(),
                Errors = errors,
                DurationExceeded = durationExceeded,
            },
            cancellationToken).ConfigureAwait(false);
        if (ended is null)
        {
            return null;
        }

        telemetry.Ended(ended, firstError);
        Log.ExecutionEnded(logger, ended.Id, ended.InterfaceId, ended.Status, ended.Reason, ended.Duration ?? TimeSpan.Zero);
        return ended;
    }

    /// <summary>Waits for a log's lines without letting a store failure escape (it is counted by the log).</summary>
    public async Task FlushQuietlyAsync(ExecutionLog log)
    {
        try
        {
            await log.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.StoreFailed(logger, e, log.ExecutionId);
        }
    }
}
