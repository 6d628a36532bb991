using Npgsql;
using NpgsqlTypes;

namespace Integration.Storage.PostgreSql;

/// <summary>Maps executions and log lines to rows and back. Times are stored to the microsecond, in UTC.</summary>
internal static class PostgreSqlRows
{
    public const string ExecutionColumns =
        "id, interface_id, schedule_id, kind, trigger, window_from, window_to, rerun_of, unique_key, status, reason, started_at, ended_at, " +
        "duration_exceeded, err_external, err_configuration, err_mapping, err_technical, err_cascade, node_id, heartbeat_at";

    public const string LineColumns =
        "sequence, time, level, category, message, correlation_id, caused_by, exception_type, exception_message, exception_stack, " +
        "ex_direction, ex_method, ex_target, ex_status, ex_duration, ex_request_headers, ex_request_body, ex_response_headers, ex_response_body";

    public const string CopyLines = "COPY log_lines (execution_id, " + LineColumns + ") FROM STDIN (FORMAT BINARY)";

    public static DateTimeOffset Utc(DateTimeOffset time) => time.ToUniversalTime();

    public static void AddExecutionParameters(NpgsqlCommand command, Execution e)
    {
        var p = command.Parameters;
        p.AddWithValue("id", e.Id.Value);
        p.AddWithValue("interface_id", e.InterfaceId);
        p.AddWithValue("schedule_id", e.ScheduleId);
        p.AddWithValue("kind", (int)e.Kind);
        p.AddWithValue("trigger", (int)e.Trigger);
        p.AddWithValue("window_from", Utc(e.Window.From));
        p.AddWithValue("window_to", Utc(e.Window.To));
        p.AddWithValue("rerun_of", NpgsqlDbType.Uuid, (object?)e.RerunOf?.Value ?? DBNull.Value);
        p.AddWithValue("unique_key", NpgsqlDbType.Text, (object?)e.UniqueKey ?? DBNull.Value);
        p.AddWithValue("status", (int)e.Status);
        p.AddWithValue("reason", (int)e.Reason);
        p.AddWithValue("started_at", Utc(e.StartedAt));
        p.AddWithValue("ended_at", NpgsqlDbType.TimestampTz, e.EndedAt is { } ended ? Utc(ended) : DBNull.Value);
        p.AddWithValue("duration_exceeded", e.DurationExceeded);
        p.AddWithValue("err_external", e.Errors.External);
        p.AddWithValue("err_configuration", e.Errors.Configuration);
        p.AddWithValue("err_mapping", e.Errors.Mapping);
        p.AddWithValue("err_technical", e.Errors.Technical);
        p.AddWithValue("err_cascade", e.Errors.Cascade);
        p.AddWithValue("node_id", NpgsqlDbType.Text, (object?)e.NodeId ?? DBNull.Value);
        p.AddWithValue("heartbeat_at", NpgsqlDbType.TimestampTz, e.HeartbeatAt is { } beat ? Utc(beat) : DBNull.Value);
    }

    public static Execution ReadExecution(NpgsqlDataReader r)
        => StoreRows.ReadExecution(r, static (row, i) => new ExecutionId(row.GetGuid(i)), static (row, i) => row.GetFieldValue<DateTimeOffset>(i));

    public static async Task WriteLineAsync(NpgsqlBinaryImporter copy, Guid executionId, long sequence, LogEntry line, CancellationToken cancellationToken)
    {
        var x = line.Exchange;
        await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(executionId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(Utc(line.Time), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync((int)line.Level, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, (int?)line.Category, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(line.Message, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, line.CorrelationId, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, line.CausedBy, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, line.Exception?.Type, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, line.Exception?.Message, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, line.Exception?.StackTrace, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, (int?)x?.Direction, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.Method, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.Target, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, x?.StatusCode, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, x?.Duration?.Ticks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.RequestHeaders, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.RequestBody, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.ResponseHeaders, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.ResponseBody, cancellationToken).ConfigureAwait(false);
    }

    public static LogEntry ReadLine(NpgsqlDataReader r) => StoreRows.ReadLine(r, static (row, i) => row.GetFieldValue<DateTimeOffset>(i));

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
        => value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task WriteValueAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
        => value is { } v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}
