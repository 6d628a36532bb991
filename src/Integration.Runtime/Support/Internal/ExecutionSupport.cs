using Microsoft.Extensions.Options;

namespace Integration;

internal sealed class ExecutionSupport(ExecutionDiagnoser diagnoser, IExecutionStore store, IEnumerable<IExecutionExporter> exporters, IOptions<SupportOptions> options, ExecutionAudit audit)
    : IExecutionSupport
{
    private readonly Dictionary<string, IExecutionExporter> _exporters = Index(exporters);

    public IReadOnlyCollection<string> ExportFormats => _exporters.Keys;

    public ValueTask<ExecutionDiagnosis> DiagnoseAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
        => diagnoser.DiagnoseAsync(executionId, cancellationToken);

    public ValueTask ExportAsync(ExecutionId executionId, string format, Stream destination, CancellationToken cancellationToken = default)
        => ExportManyAsync([executionId], format, destination, cancellationToken);

    public async ValueTask ExportManyAsync(IReadOnlyList<ExecutionId> executionIds, string format, Stream destination, CancellationToken cancellationToken = default)
        => await WriteManyAsync(executionIds, format, destination, cancellationToken).ConfigureAwait(false);

    public async ValueTask<int> ExportMatchingAsync(ExecutionQuery query, string format, Stream destination, CancellationToken cancellationToken = default)
        => (await WriteMatchingAsync(query, format, destination, cancellationToken).ConfigureAwait(false)).Diagnoses.Count;

    public ValueTask ExportAsync(ExecutionId executionId, string format, Stream destination, string? actor, CancellationToken cancellationToken = default)
        => ExportManyAsync([executionId], format, destination, actor, cancellationToken);

    public async ValueTask ExportManyAsync(IReadOnlyList<ExecutionId> executionIds, string format, Stream destination, string? actor, CancellationToken cancellationToken = default)
        => await RecordAsync(await WriteManyAsync(executionIds, format, destination, cancellationToken).ConfigureAwait(false), actor).ConfigureAwait(false);

    public async ValueTask<int> ExportMatchingAsync(ExecutionQuery query, string format, Stream destination, string? actor, CancellationToken cancellationToken = default)
        => await RecordAsync(await WriteMatchingAsync(query, format, destination, cancellationToken).ConfigureAwait(false), actor).ConfigureAwait(false);

    // Recorded once written: an export that failed was not handed to anyone.
    private async ValueTask<int> RecordAsync(Export export, string? actor)
    {
        var who = OperatorText.Clean(actor);
        foreach (var diagnosis in export.Diagnoses)
        {
            await audit.RecordExportAsync(diagnosis.Execution.Id, new OperatorAction(ExecutionActionKind.Export, who, export.Format)).ConfigureAwait(false);
        }

        return export.Diagnoses.Count;
    }

    private async ValueTask<Export> WriteManyAsync(IReadOnlyList<ExecutionId> executionIds, string format, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionIds);
        var exporter = ExporterFor(format, destination);
        var diagnoses = new List<ExecutionDiagnosis>(executionIds.Count);
        foreach (var id in executionIds)
        {
            diagnoses.Add(await diagnoser.DiagnoseAsync(id, cancellationToken).ConfigureAwait(false));
        }

        await exporter.ExportAsync(diagnoses, destination, cancellationToken).ConfigureAwait(false);
        return new Export(exporter.Format, diagnoses);
    }

    private async ValueTask<Export> WriteMatchingAsync(ExecutionQuery query, string format, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var exporter = ExporterFor(format, destination);
        var max = options.Value.MaxExportedExecutions;
        var ids = new List<ExecutionId>();
        await foreach (var execution in store.QueryAllAsync(query with { Before = null, Limit = ExecutionQuery.MaxLimit }, cancellationToken).ConfigureAwait(false))
        {
            ids.Add(execution.Id);
            if (ids.Count == max)
            {
                break;
            }
        }

        ids.Reverse();
        var diagnoses = new List<ExecutionDiagnosis>(ids.Count);
        foreach (var id in ids)
        {
            diagnoses.Add(await diagnoser.DiagnoseAsync(id, cancellationToken).ConfigureAwait(false));
        }

        await exporter.ExportAsync(diagnoses, destination, cancellationToken).ConfigureAwait(false);
        return new Export(exporter.Format, diagnoses);
    }

    private IExecutionExporter ExporterFor(string format, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The export's destination stream is not writable.", nameof(destination));
        }

        return _exporters.TryGetValue(format, out var exporter)
            ? exporter
            : throw new ArgumentException($"No exporter handles the format '{format}'. Registered: {string.Join(", ", _exporters.Keys)}. The xlsx format needs AddExcelExport() from the Integration.Export.Excel package.", nameof(format));
    }

    private static Dictionary<string, IExecutionExporter> Index(IEnumerable<IExecutionExporter> exporters)
    {
        var index = new Dictionary<string, IExecutionExporter>(StringComparer.OrdinalIgnoreCase);
        foreach (var exporter in exporters)
        {
            index[exporter.Format] = exporter;
        }

        return index;
    }

    /// <summary>An export written: its format (as its exporter names it) and the executions it holds.</summary>
    private sealed record Export(string Format, List<ExecutionDiagnosis> Diagnoses);
}
