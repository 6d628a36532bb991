using System.Text.Json;

namespace Integration;

/// <summary>
/// Exports executions as one JSON document: <c>{"executions":[{…, "diagnosis":{…}, "log":[…]}]}</c>, written with
/// <see cref="Utf8JsonWriter"/> and flushed after every page of the log, so memory stays flat.
/// </summary>
internal sealed class JsonExecutionExporter(IExecutionStore store) : IExecutionExporter
{
    public string Format => ExportFormats.Json;

    public string ContentType => "application/json";

    public async ValueTask ExportAsync(IReadOnlyList<ExecutionDiagnosis> executions, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(destination);
        var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = false });
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteStartArray("executions");
            foreach (var diagnosis in executions)
            {
                json.WriteStartObject();
                JsonExecutionWriter.WriteExecution(json, diagnosis);
                json.WriteStartArray("log");
                await foreach (var page in store.ReadLogPagesAsync(diagnosis.Execution.Id, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    foreach (var line in page)
                    {
                        JsonExecutionWriter.WriteLine(json, line);
                    }

                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
