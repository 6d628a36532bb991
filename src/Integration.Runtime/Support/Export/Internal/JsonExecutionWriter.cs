using System.Text.Json;

namespace Integration;

/// <summary>Writes an execution, its diagnosis and its log lines as JSON properties; text is cleaned so it always encodes.</summary>
internal static class JsonExecutionWriter
{
    public static void WriteExecution(Utf8JsonWriter json, ExecutionDiagnosis diagnosis)
    {
        var e = diagnosis.Execution;
        json.WriteString("id", e.Id.ToString());
        json.WriteString("interfaceId", e.InterfaceId);
        if (diagnosis.Interface is { } def)
        {
            Text(json, "interfaceName", def.DisplayName);
            json.WriteString("type", def.Type.Name);
            Text(json, "provider", def.Provider.Name);
            Text(json, "providerContact", def.Provider.Contact);
        }

        json.WriteString("scheduleId", e.ScheduleId);
        json.WriteString("kind", e.Kind.ToString());
        json.WriteString("trigger", e.Trigger.ToString());
        json.WriteString("windowFrom", e.Window.From);
        json.WriteString("windowTo", e.Window.To);
        if (e.RerunOf is { } rerunOf)
        {
            json.WriteString("rerunOf", rerunOf.ToString());
        }

        json.WriteString("status", e.Status.ToString());
        json.WriteString("reason", e.Reason.ToString());
        json.WriteBoolean("running", !e.IsEnded);
        json.WriteString("startedAt", e.StartedAt);
        if (e.EndedAt is { } ended)
        {
            json.WriteString("endedAt", ended);
        }

        json.WriteNumber("durationSeconds", diagnosis.Elapsed.TotalSeconds);
        json.WriteBoolean("durationExceeded", diagnosis.DurationExceeded);
        WriteDiagnosis(json, diagnosis);
    }

    public static void WriteLine(Utf8JsonWriter json, in LogEntry line)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", line.Sequence);
        json.WriteString("time", line.Time);
        json.WriteString("level", line.Level.ToString());
        if (line.Category is { } category)
        {
            json.WriteString("category", category.ToString());
        }

        Text(json, "message", line.Message);
        Text(json, "correlationId", line.CorrelationId);
        if (line.CausedBy is { } causedBy)
        {
            json.WriteNumber("causedBy", causedBy);
        }

        if (line.Exchange is { } x)
        {
            json.WriteStartObject("exchange");
            json.WriteString("direction", x.Direction.ToString());
            Text(json, "method", x.Method);
            Text(json, "target", x.Target);
            if (x.StatusCode is { } status)
            {
                json.WriteNumber("statusCode", status);
            }

            if (x.Duration is { } duration)
            {
                json.WriteNumber("durationMs", duration.TotalMilliseconds);
            }

            Text(json, "requestHeaders", x.RequestHeaders);
            Text(json, "requestBody", x.RequestBody);
            Text(json, "responseHeaders", x.ResponseHeaders);
            Text(json, "responseBody", x.ResponseBody);
            json.WriteEndObject();
        }

        if (line.Exception is { } exception)
        {
            json.WriteStartObject("exception");
            Text(json, "type", exception.Type);
            Text(json, "message", exception.Message);
            Text(json, "stackTrace", exception.StackTrace);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteDiagnosis(Utf8JsonWriter json, ExecutionDiagnosis d)
    {
        json.WriteStartObject("diagnosis");
        if (d.Category is { } category)
        {
            json.WriteString("category", category.ToString());
            json.WriteString("action", d.Action);
        }

        json.WriteStartArray("rootErrorSequences");
        foreach (var root in d.RootErrors)
        {
            json.WriteNumberValue(root.Sequence);
        }

        json.WriteEndArray();
        json.WriteStartArray("contacts");
        foreach (var contact in d.Contacts)
        {
            json.WriteStartObject();
            json.WriteString("role", contact.Role.ToString());
            Text(json, "name", contact.Name);
            Text(json, "contact", contact.Contact);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("rerunAdvice", d.RerunAdvice.ToString());
        json.WriteBoolean("probablyApiIntegration", d.IsProbablyApiIntegration);
        json.WriteStartArray("failedCalls");
        foreach (var call in d.FailedCalls)
        {
            json.WriteStartObject();
            Text(json, "correlationId", call.CorrelationId);
            json.WriteBoolean("hostWasCaller", call.HostWasCaller);
            json.WriteNumber("errorCount", call.ErrorCount);
            json.WriteNumber("firstErrorSequence", call.FirstErrorSequence);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteActions(json, d);
        Text(json, "text", d.ToText());
        json.WriteEndObject();
    }

    private static void WriteActions(Utf8JsonWriter json, ExecutionDiagnosis d)
    {
        json.WriteStartArray("actions");
        foreach (var action in d.Actions)
        {
            json.WriteStartObject();
            json.WriteString("kind", action.Kind.ToString());
            json.WriteString("at", action.At);
            Text(json, "actor", action.Actor);
            Text(json, "detail", action.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (d.Execution.CancelRequest is { } request)
        {
            json.WriteStartObject("cancelRequest");
            Text(json, "requestedBy", request.RequestedBy);
            json.WriteString("requestedAt", request.RequestedAt);
            json.WriteEndObject();
        }
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, ExportText.Clean(value));
        }
    }
}
