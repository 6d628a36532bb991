namespace Integration;

/// <summary>
/// What support does with executions, by id: diagnose them and export them (CSV and JSON built in; .xlsx with the
/// Integration.Export.Excel package). Registered by <see cref="ExecutionsServiceCollectionExtensions.AddExecutions"/>.
/// </summary>
public interface IExecutionSupport
{
    /// <summary>Gets the formats <see cref="ExportAsync(ExecutionId, string, Stream, CancellationToken)"/> accepts, e.g. <c>csv</c>, <c>json</c>, <c>xlsx</c>.</summary>
    IReadOnlyCollection<string> ExportFormats { get; }

    /// <summary>Diagnoses an execution: its root errors, their category and action, whom to contact, re-run advice and API-support triage.</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The diagnosis.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<ExecutionDiagnosis> DiagnoseAsync(ExecutionId executionId, CancellationToken cancellationToken = default);

    /// <summary>Exports one execution, with its diagnosis and its whole log, to a stream. A running execution is exported as it is, marked as running.</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="format">The format, one of <see cref="ExportFormats"/> (see <see cref="Integration.ExportFormats"/>).</param>
    /// <param name="destination">Where the export is written; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the export is written.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    /// <exception cref="ArgumentException">No exporter handles <paramref name="format"/>.</exception>
    ValueTask ExportAsync(ExecutionId executionId, string format, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Exports several executions, in the given order, to one stream.</summary>
    /// <param name="executionIds">The executions.</param>
    /// <param name="format">The format, one of <see cref="ExportFormats"/>.</param>
    /// <param name="destination">Where the export is written; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the export is written.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold one of the executions; nothing is written.</exception>
    /// <exception cref="ArgumentException">No exporter handles <paramref name="format"/>.</exception>
    ValueTask ExportManyAsync(IReadOnlyList<ExecutionId> executionIds, string format, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exports the executions a query matches, oldest first, e.g. the KO executions of an interface in a period
    /// (<see cref="ExecutionQuery.Limit"/> and <see cref="ExecutionQuery.Before"/> are ignored: every page is read,
    /// up to <see cref="SupportOptions.MaxExportedExecutions"/>).
    /// </summary>
    /// <param name="query">The filters.</param>
    /// <param name="format">The format, one of <see cref="ExportFormats"/>.</param>
    /// <param name="destination">Where the export is written; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many executions were exported.</returns>
    /// <exception cref="ArgumentException">No exporter handles <paramref name="format"/>.</exception>
    ValueTask<int> ExportMatchingAsync(ExecutionQuery query, string format, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exports one execution like <see cref="ExportAsync(ExecutionId, string, Stream, CancellationToken)"/>, and records who
    /// exported it once the export is written: an <see cref="ExecutionActionKind.Export"/> action with the format, and the
    /// line "Exported as &lt;format&gt; by &lt;actor&gt;" appended to its log (a late line when it has ended; none for an
    /// abandoned execution, which is fenced, though the action is recorded). A null or blank actor is recorded as unnamed.
    /// </summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="format">The format, one of <see cref="ExportFormats"/>.</param>
    /// <param name="destination">Where the export is written; left open.</param>
    /// <param name="actor">Who exports (a name from the caller's identity); control characters are escaped and it is cut to 200 characters.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the export is written and recorded.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    /// <exception cref="ArgumentException">No exporter handles <paramref name="format"/>.</exception>
    ValueTask ExportAsync(ExecutionId executionId, string format, Stream destination, string? actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exports several executions like <see cref="ExportManyAsync(IReadOnlyList{ExecutionId}, string, Stream, CancellationToken)"/>,
    /// and records the export on each, as <see cref="ExportAsync(ExecutionId, string, Stream, string?, CancellationToken)"/> does.
    /// </summary>
    /// <param name="executionIds">The executions.</param>
    /// <param name="format">The format, one of <see cref="ExportFormats"/>.</param>
    /// <param name="destination">Where the export is written; left open.</param>
    /// <param name="actor">Who exports; escaped and cut to 200 characters.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the export is written and recorded.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold one of the executions; nothing is written or recorded.</exception>
    /// <exception cref="ArgumentException">No exporter handles <paramref name="format"/>.</exception>
    ValueTask ExportManyAsync(IReadOnlyList<ExecutionId> executionIds, string format, Stream destination, string? actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exports the executions a query matches like <see cref="ExportMatchingAsync(ExecutionQuery, string, Stream, CancellationToken)"/>,
    /// and records the export on each, as <see cref="ExportAsync(ExecutionId, string, Stream, string?, CancellationToken)"/> does.
    /// </summary>
    /// <param name="query">The filters.</param>
    /// <param name="format">The format, one of <see cref="ExportFormats"/>.</param>
    /// <param name="destination">Where the export is written; left open.</param>
    /// <param name="actor">Who exports; escaped and cut to 200 characters.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many executions were exported.</returns>
    /// <exception cref="ArgumentException">No exporter handles <paramref name="format"/>.</exception>
    ValueTask<int> ExportMatchingAsync(ExecutionQuery query, string format, Stream destination, string? actor, CancellationToken cancellationToken = default);
}
