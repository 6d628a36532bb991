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

    public static Execution ReadExecution(NpgsqlDataReader r) => new()
    {
        Id = new ExecutionId(r.GetGuid(0)),
        InterfaceId = r.GetString(1),
        ScheduleId = r.GetString(2),
        Kind = (ExecutionKind)r.GetInt32(3),
        Trigger = (ExecutionTrigger)r.GetInt32(4),
        Window = new ExecutionWindow(r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6)),
        RerunOf = r.IsDBNull(7) ? null : new ExecutionId(r.GetGuid(7)),
        UniqueKey = r.IsDBNull(8) ? null : r.GetString(8),
        Status = (ExecutionStatus)r.GetInt32(9),
        Reason = (ExecutionReason)r.GetInt32(10),
        StartedAt = r.GetFieldValue<DateTimeOffset>(11),
        EndedAt = r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
        DurationExceeded = r.GetBoolean(13),
        Errors = new ErrorCounts(r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetInt32(17), r.GetInt32(18)),
        NodeId = r.IsDBNull(19) ? null : r.GetString(19),
        HeartbeatAt = r.IsDBNull(20) ? null : r.GetFieldValue<DateTimeOffset>(20),
    };

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

    public static LogEntry ReadLine(NpgsqlDataReader r) => new()
    {
        Sequence = r.GetInt64(0),
        Time = r.GetFieldValue<DateTimeOffset>(1),
        Level = (ExecutionLogLevel)r.GetInt32(2),
        Category = r.IsDBNull(3) ? null : (ErrorCategory)r.GetInt32(3),
        Message = r.GetString(4),
        CorrelationId = r.IsDBNull(5) ? null : r.GetString(5),
        CausedBy = r.IsDBNull(6) ? null : r.GetInt64(6),
        Exception = r.IsDBNull(7) ? null : new ExceptionSummary(r.GetString(7), r.IsDBNull(8) ? string.Empty : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9)),
        Exchange = r.IsDBNull(10) ? null : new ExchangeDetails
        {
            Direction = (InterfaceDirection)r.GetInt32(10),
            Method = r.IsDBNull(11) ? null : r.GetString(11),
            Target = r.IsDBNull(12) ? null : r.GetString(12),
            StatusCode = r.IsDBNull(13) ? null : r.GetInt32(13),
            Duration = r.IsDBNull(14) ? null : TimeSpan.FromTicks(r.GetInt64(14)),
            RequestHeaders = r.IsDBNull(15) ? null : r.GetString(15),
            RequestBody = r.IsDBNull(16) ? null : r.GetString(16),
            ResponseHeaders = r.IsDBNull(17) ? null : r.GetString(17),
            ResponseBody = r.IsDBNull(18) ? null : r.GetString(18),
        },
    };

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
        => value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task WriteValueAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
        => value is { } v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}
