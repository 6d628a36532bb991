namespace Integration;

/// <summary>
/// Where executions and their logs are kept. Implementations must be safe for concurrent use, keep
/// <see cref="Execution.UniqueKey"/> unique (with a unique key, never check-then-insert), and keep each
/// execution's log append-only and ordered.
/// </summary>
public interface IExecutionStore
{
    /// <summary>
    /// Creates an execution, unless one with the same <see cref="Execution.UniqueKey"/> exists: then that one is returned.
    /// Every concurrent caller with the same key gets the same execution; exactly one of them sees <see cref="ExecutionCreation.Created"/>.
    /// </summary>
    /// <param name="execution">The execution to create, with its id, identity and start time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution holding the key, and whether this call created it.</returns>
    ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default);

    /// <summary>Gets an execution.</summary>
    /// <param name="executionId">Its id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution, or null when the store does not hold it.</returns>
    ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default);

    /// <summary>Gets the execution holding a unique key.</summary>
    /// <param name="uniqueKey">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution, or null.</returns>
    ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a line to an execution's log and gives it the next sequence. When the returned task has completed,
    /// the line is as durable as the store can make it.
    /// </summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="entry">The line; its <see cref="LogEntry.Sequence"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The line's sequence.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Marks a running execution as having run past its maximum duration.</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the flag was set by this call.</returns>
    ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default);

    /// <summary>Ends a running execution.</summary>
    /// <param name="completion">How it ended.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ended execution; null when it was not running any more (it was ended elsewhere).</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<Execution?> CompleteAsync(ExecutionCompletion completion, CancellationToken cancellationToken = default);

    /// <summary>Lists executions, newest first, one page at a time.</summary>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page.</returns>
    ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads an execution's log in order, one page at a time.</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lines, in sequence order.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default);
}
