using System.Text;

namespace Integration;

/// <summary>Exports executions as RFC 4180 CSV, one record per log line, streamed page by page from the store.</summary>
internal sealed class CsvExecutionExporter(IExecutionStore store) : IExecutionExporter
{
    private static readonly string[] Header =
    [
        "Execution", "Interface", "Execution status", "Sequence", "Time (UTC)", "Level", "Category", "Message",
        "Correlation id", "Direction", "Method", "Target", "Status code", "Duration (ms)",
        "Request headers", "Request body", "Response headers", "Response body", "Exception",
    ];

    public string Format => ExportFormats.Csv;

    public string ContentType => "text/csv";

    public async ValueTask ExportAsync(IReadOnlyList<ExecutionDiagnosis> executions, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(destination);
        var text = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        await using (text.ConfigureAwait(false))
        {
            var csv = new CsvWriter(text);
            foreach (var column in Header)
            {
                csv.Text(column);
            }

            csv.EndRecord();
            foreach (var diagnosis in executions)
            {
                var execution = diagnosis.Execution;
                var status = execution.IsEnded ? execution.Status.ToString() : "Running (export holds the lines written so far)";
                await foreach (var page in store.ReadLogPagesAsync(execution.Id, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    foreach (var line in page)
                    {
                        Write(csv, execution, status, line);
                    }

                    await text.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static void Write(CsvWriter csv, Execution execution, string status, in LogEntry line)
    {
        var exchange = line.Exchange;
        csv.Text(execution.Id.ToString());
        csv.Text(execution.InterfaceId);
        csv.Text(status);
        csv.Number(line.Sequence);
        csv.Time(line.Time);
        csv.Text(line.Level.ToString());
        csv.Text(line.Category?.Indicator());
        csv.Text(line.Message);
        csv.Text(line.CorrelationId);
        csv.Text(exchange?.Direction.ToString());
        csv.Text(exchange?.Method);
        csv.Text(exchange?.Target);
        csv.Number(exchange?.StatusCode);
        csv.Number(exchange?.Duration?.TotalMilliseconds);
        csv.Text(exchange?.RequestHeaders);
        csv.Text(exchange?.RequestBody);
        csv.Text(exchange?.ResponseHeaders);
        csv.Text(exchange?.ResponseBody);
        csv.Text(line.Exception is { } e ? e.StackTrace is null ? e.ToString() : $"{e}\n{e.StackTrace}" : null);
        csv.EndRecord();
    }
}
