namespace Integration;

/// <summary>
/// Writes executions to a stream in one format. The runtime registers <c>csv</c> and <c>json</c>; packages add others
/// (Integration.Export.Excel adds <c>xlsx</c>). <see cref="IExecutionSupport"/> picks the exporter by <see cref="Format"/>;
/// when two handle the same format, the last registered wins.
/// </summary>
public interface IExecutionExporter
{
    /// <summary>Gets the format's name, compared case-insensitively, e.g. <c>csv</c>; also the file extension.</summary>
    string Format { get; }

    /// <summary>Gets the MIME type of what <see cref="ExportAsync"/> writes.</summary>
    string ContentType { get; }

    /// <summary>
    /// Writes the executions with their diagnosis and their whole log. The log must be read from the store page by page,
    /// so memory stays flat however long it is; text must be written safely (no formula, no character the format cannot hold).
    /// </summary>
    /// <param name="executions">The executions, diagnosed, in the order to write them.</param>
    /// <param name="destination">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when everything is written and flushed.</returns>
    ValueTask ExportAsync(IReadOnlyList<ExecutionDiagnosis> executions, Stream destination, CancellationToken cancellationToken);
}
