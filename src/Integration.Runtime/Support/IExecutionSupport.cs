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
}
